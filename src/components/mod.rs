//! The screens and the pieces they are made of, named after what the user sees.

mod backup_reminder;
mod case_form;
mod case_list;
mod case_page;
mod chronology_page;
mod contested_points;
mod date_input;
mod deadline_tag;
mod error_summary;
mod event_form;
mod event_list;
mod export_button;
pub mod fields;
mod import_page;
mod layout;
mod letters_page;
mod lock_page;
mod next_steps;
mod storage_messages;
mod timeline;
mod undo_banner;
mod unlock_page;

pub use backup_reminder::{
    BackupReminder, PersistenceAdvice, backup_reminder_text, persistence_advice,
};
pub use case_form::{CaseForm, CaseFormPage, CaseFormPageProps, CaseFormProps};
pub use case_list::CaseList;
pub use case_page::{CasePage, CaseSettings};
pub use chronology_page::{ChronologyPage, chronology_document};
pub use contested_points::ContestedPoints;
pub use date_input::{DateInput, DateInputProps};
pub use deadline_tag::{DeadlineTag, DeadlineTagProps};
pub use error_summary::{ERROR_SUMMARY_ID, ErrorSummary};
pub use event_form::{EventForm, EventFormProps, MilestonePage, MilestonePageProps};
pub use event_list::EventList;
pub use export_button::{EXPORT_BACKUP, ExportBackupButton};
pub use fields::{SelectField, TextField};
pub use import_page::{ImportPage, ImportPageProps, ImportStep, import_error};
pub use layout::{Layout, NotFound, footer};
pub use letters_page::LettersPage;
pub use lock_page::{FORGET_WARNING, LOCK_PAGE_TITLE, LockPage, NO_CRYPTO, lock_summary};
pub use next_steps::{NextSteps, NextStepsProps};
pub use storage_messages::{StorageMessages, load_problem_text};
pub use timeline::{DeadlineItem, DeadlineItemProps, Timeline, TimelineProps};
pub use undo_banner::UndoBanner;
pub use unlock_page::{LockGate, LockGateProps, UNLOCK_TITLE, UnlockPage, UnlockPageProps};
