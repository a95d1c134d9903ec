//! The screens and the pieces they are made of, named after what the user sees.

mod agenda_page;
mod backup_page;
mod backup_reminder;
mod bundle_page;
mod case_form;
mod case_list;
mod case_page;
mod case_picture;
mod chronology_page;
mod contested_points;
mod date_input;
mod deadline_tag;
mod documents_page;
mod error_summary;
mod event_form;
mod event_list;
mod export_button;
pub mod fields;
mod html_text;
mod import_page;
pub mod kept;
mod latest;
mod layout;
mod letters_page;
mod lock_page;
mod markup;
mod next_steps;
mod on_demand_page;
mod pools_page;
mod report_charts;
mod report_page;
mod report_source;
mod share_page;
mod storage_messages;
mod timeline;
mod undo_banner;
mod unlock_page;

pub use crate::labels::grouped;
pub use agenda_page::AgendaPage;
pub use backup_page::BackupPage;
pub use backup_reminder::{
    backup_reminder, backup_reminder_text, persistence_advice, persistence_note,
};
pub use bundle_page::{BundlePage, BundlePageProps};
pub use case_form::{CaseFormPage, CaseFormPageProps, CaseFormProps, case_form};
pub use case_list::CaseList;
pub use case_page::CasePage;
pub use case_picture::{CASE_PICTURE_CAPTION, CasePicture, PICTURE_CAPTION};
pub use chronology_page::{ChronologyPage, chronology_document, name_choice};
pub use contested_points::contested_points;
pub use date_input::{DateInputProps, date_input};
pub use deadline_tag::deadline_tag;
pub use documents_page::{DocumentsPage, DocumentsPageProps};
pub use error_summary::{ERROR_SUMMARY_ID, ErrorSummary, error_summary, use_error_focus};
pub use event_form::{EventFormProps, MilestonePage, MilestonePageProps, event_form};
pub use event_list::{EventAction, event_clicked, event_list};
pub use export_button::{EXPORT_BACKUP, ExportBackupButton, backup_button};
pub use fields::{TextFieldProps, select_field, text_field};
pub use html_text::{push_escaped, table_start};
pub use import_page::{ImportPage, ImportPageProps, ImportStep, import_error};
pub use latest::{Latest, PER_PAGE, per_page};
pub use layout::{back_link, focus_link, footer, not_found, static_html, use_layout, warning_text};
pub use letters_page::LettersPage;
pub use lock_page::{
    LOCK_PAGE_TITLE, LockControl, LockPage, NO_CRYPTO, check_new_passphrase, lock_summary,
};
pub use markup::Markup;
pub use next_steps::next_steps_section;
pub use on_demand_page::{OnDemandPage, OnDemandPageProps};
pub use pools_page::PoolsPage;
pub use report_page::ReportPage;
pub use share_page::{ShareCasePage, ShareCasePageProps, SharePanel, SharePanelProps, shareable};
pub use storage_messages::{load_problem_text, use_storage_messages};
pub use timeline::{DeadlineItem, deadline_title, list_items, push_items, timeline};
pub use undo_banner::{
    button, export_error_message, inset_with_button, secondary_button, undo_banner,
};
pub use unlock_page::{
    LockGate, Locked, StartProps, Task, UNLOCK_TITLE, Unlock, UnlockProps, Unlocking, beside,
    damaged,
};
