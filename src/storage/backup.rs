//! The backup reminder. Cases live only in this browser; a case file the
//! user exported is the one copy that survives the browser clearing its data.
//! So the app remembers the calendar date of the last export (of all cases
//! or of one case) and reminds the user when it is more than
//! [`REMIND_AFTER_DAYS`] days old. Someone who has never exported is reminded
//! once this device has held cases for more than [`FIRST_REMINDER_AFTER_DAYS`]
//! days: long enough not to nag on the first visit, short enough that little
//! work is at risk.
//!
//! The record is stored under its own key, [`BACKUP_KEY`], so storage version
//! 1 of the cases is untouched (an older app simply never reads it), and it
//! need not agree with the cases: a lost write only moves a reminder.

use chrono::NaiveDate;
use rules::case_file::json::{Value, Writer};

use super::Backend;

/// The key of the backup record.
pub const BACKUP_KEY: &str = "ehc-timeline-backup";

/// Days after the last export before the reminder shows.
pub const REMIND_AFTER_DAYS: i64 = 30;

/// Days of holding cases, never exported, before the reminder shows.
pub const FIRST_REMINDER_AFTER_DAYS: i64 = 7;

/// When the cases were last exported, and since when there were cases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BackupRecord {
    /// The day of the last export of a case file.
    pub last_export: Option<NaiveDate>,
    /// The first day this device held a case: the count for someone who has
    /// never exported starts there.
    pub cases_since: Option<NaiveDate>,
}

/// Why the user should export a backup now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reminder {
    /// Never exported, with cases kept here for `days` days.
    NeverExported { days: i64 },
    /// Last exported on `on`, `days` days ago.
    LastExported { on: NaiveDate, days: i64 },
}

impl BackupRecord {
    /// The record after an export on `today`.
    pub fn exported(self, today: NaiveDate) -> BackupRecord {
        BackupRecord {
            last_export: self.last_export.max(Some(today)),
            ..self
        }
    }

    /// The record once cases are held on `today` (unchanged if they already were).
    pub fn holding_cases(self, today: NaiveDate) -> BackupRecord {
        BackupRecord {
            cases_since: self.cases_since.or(Some(today)),
            ..self
        }
    }

    /// The two records of two tabs as one: the later export, the earlier start.
    pub fn combine(self, other: BackupRecord) -> BackupRecord {
        let earlier = match (self.cases_since, other.cases_since) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        BackupRecord {
            last_export: self.last_export.max(other.last_export),
            cases_since: earlier,
        }
    }

    /// Whether a case file was exported in the last [`REMIND_AFTER_DAYS`] days.
    pub fn exported_recently(&self, today: NaiveDate) -> bool {
        self.last_export
            .is_some_and(|on| (today - on).num_days() <= REMIND_AFTER_DAYS)
    }

    /// The reminder due on `today`, if any: only when there are cases to lose.
    pub fn reminder(&self, today: NaiveDate, has_cases: bool) -> Option<Reminder> {
        if !has_cases {
            return None;
        }
        match (self.last_export, self.cases_since) {
            (Some(on), _) => {
                let days = (today - on).num_days();
                (days > REMIND_AFTER_DAYS).then_some(Reminder::LastExported { on, days })
            }
            (None, Some(since)) => {
                let days = (today - since).num_days();
                (days > FIRST_REMINDER_AFTER_DAYS).then_some(Reminder::NeverExported { days })
            }
            (None, None) => None,
        }
    }
}

/// The stored record; none, or one that cannot be read, is an empty record
/// (it only times a reminder, so nothing is lost).
pub fn load(backend: &dyn Backend) -> BackupRecord {
    backend
        .get(BACKUP_KEY)
        .ok()
        .flatten()
        .and_then(|text| decode(&text))
        .unwrap_or_default()
}

/// The record in `text`: an object whose two dates, each there or not, are
/// written YYYY-MM-DD (read with the engine's own reader: chrono's general
/// date parser would add 6 KB to the app).
fn decode(text: &str) -> Option<BackupRecord> {
    let value = Value::parse(text).ok()?;
    let object = value.as_object()?;
    let date = |key| match object.get(key) {
        None => Some(None),
        Some(value) => rules::case_file::parse_iso_date(value.as_str()?)
            .ok()
            .map(Some),
    };
    Some(BackupRecord {
        last_export: date("last_export")?,
        cases_since: date("cases_since")?,
    })
}

/// The record as compact JSON, without the dates it has not.
fn encode(record: &BackupRecord) -> String {
    let mut writer = Writer::new(false);
    writer.open('{');
    for (key, date) in [
        ("last_export", record.last_export),
        ("cases_since", record.cases_since),
    ] {
        if let Some(date) = date {
            writer.key(key);
            writer.string(&date.to_string());
        }
    }
    writer.close('}');
    writer.finish()
}

/// Stores the record, in one write of its own key.
pub fn save(backend: &mut dyn Backend, record: &BackupRecord) -> Result<(), String> {
    let text = encode(record);
    backend.set(BACKUP_KEY, &text)
}
