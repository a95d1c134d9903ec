//! Plain words for the values a user picks, and for a deadline's status. The
//! engine names values by their case-file ids; these are what a parent reads.

use chrono::NaiveDate;
use rules::{
    Deadline, Status,
    case_file::{
        ExceptionReason, Matters, Order, ResponseUnit, ReviewCompleteOn, ReviewOutcome, SendMethod,
        Transfer,
    },
    deadline::days_phrase,
};

/// A value with words a user can pick it by.
pub trait Label: Copy + 'static {
    /// Every value, in the order to offer them.
    const ALL: &'static [Self];
    /// The id written in the case file.
    fn id(self) -> &'static str;
    /// The words a user sees.
    fn label(self) -> &'static str;
    /// The value with this id.
    fn from_id(id: &str) -> Option<Self>;
}

macro_rules! labels {
    ($name:ident { $($variant:ident => $label:literal,)* }) => {
        labels!($name = $name::ALL { $($variant => $label,)* });
    };
    ($name:ident = $all:path { $($variant:ident => $label:literal,)* }) => {
        impl Label for $name {
            const ALL: &'static [$name] = $all;
            fn id(self) -> &'static str {
                $name::id(self)
            }
            fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)* }
            }
            fn from_id(id: &str) -> Option<$name> {
                $name::from_id(id)
            }
        }
    };
}

labels!(ReviewOutcome {
    Maintain => "Keep the plan as it is",
    Amend => "Change (amend) the plan",
    Cease => "Stop the plan",
});

labels!(Order {
    Assess => "Assess the child or young person",
    IssuePlan => "Issue a plan",
    AmendPlan => "Change (amend) the plan",
    NameSchool => "Name a school or college in the plan",
    ContinuePlan => "Keep the plan in place",
});

labels!(Matters {
    Appealable => "Things you could appeal to the tribunal about",
    Other => "Other things, such as health or social care",
});

labels!(Transfer {
    School => "From one school to another, such as primary to secondary",
    SecondaryToPost16 => "From school to a college or other post-16 place",
    Post16ToPost16 => "From one post-16 place to another",
});

labels!(ExceptionReason = ExceptionReason::CLAIMABLE {
    SchoolClosure => "The school or setting was closed, such as in the summer holiday",
    PersonalCircumstances => "Exceptional personal circumstances of the child or family",
    Absence => "The child or family was away from the area",
    MissedAppointment => "The child missed an appointment",
    LateRepresentations => "The family asked to comment after the 15 days",
    Coronavirus2020 => "Coronavirus (1 May to 25 September 2020)",
    Reassessment => "A re-assessment was under way",
});

/// What a mediation is about, as the milestone form asks it: the case file's
/// `includes_health` and `health_only`. Not recorded means education or
/// social care only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediationIssues {
    HealthToo,
    HealthOnly,
}

impl Label for MediationIssues {
    const ALL: &'static [MediationIssues] =
        &[MediationIssues::HealthToo, MediationIssues::HealthOnly];
    fn id(self) -> &'static str {
        match self {
            MediationIssues::HealthToo => "includes-health",
            MediationIssues::HealthOnly => "health-only",
        }
    }
    fn label(self) -> &'static str {
        match self {
            MediationIssues::HealthToo => "Health care as well",
            MediationIssues::HealthOnly => "Health care only",
        }
    }
    fn from_id(id: &str) -> Option<MediationIssues> {
        MediationIssues::ALL.iter().copied().find(|v| v.id() == id)
    }
}

labels!(SendMethod {
    Hand => "By hand",
    Email => "By email",
    FirstClass => "First class post",
    SignedFor => "Signed-for post",
});

labels!(ResponseUnit {
    Days => "Days",
    WorkingDays => "Working days",
});

/// The two readings of when an annual review is complete (timelines.md section 5).
pub fn review_complete_on_label(value: ReviewCompleteOn) -> &'static str {
    match value {
        ReviewCompleteOn::Decision => {
            "When the council tells you its decision after the review (the default)"
        }
        ReviewCompleteOn::Meeting => "On the day of the review meeting",
    }
}

/// The words on a deadline's tag: "Overdue by 23 days", "Due in 5 days", "Met".
///
/// ```
/// use chrono::NaiveDate;
/// use ehc_timeline::labels::tag_text;
/// use rules::Status;
/// let day = |d| NaiveDate::from_ymd_opt(2025, 3, d).unwrap();
/// assert_eq!(tag_text(Status::DueSoon, 0, day(10), day(5)), "Due in 5 days");
/// assert_eq!(tag_text(Status::Overdue, 23, day(1), day(24)), "Overdue by 23 days");
/// assert_eq!(tag_text(Status::Pending, 0, day(31), day(1)), "Due in 30 days");
/// ```
pub fn tag_text(status: Status, days_late: i64, due: NaiveDate, today: NaiveDate) -> String {
    match status {
        Status::Overdue => format!("Overdue by {}", days_phrase(days_late)),
        Status::DueSoon | Status::Pending => match (due - today).num_days() {
            days if days <= 0 => "Due today".to_owned(),
            days => format!("Due in {}", days_phrase(days)),
        },
        Status::Met => "Met".to_owned(),
        Status::MetLate => format!("Met {} late", days_phrase(days_late)),
        Status::TooEarly => format!("Too early by {}", days_phrase(days_late)),
        Status::Excepted => "Exception claimed".to_owned(),
        Status::NotApplicable => "Not applicable".to_owned(),
    }
}

/// The colour of a status's tag, as a class modifier; the words carry the
/// meaning, the colour only repeats it.
pub fn tag_colour(status: Status) -> &'static str {
    match status {
        Status::Overdue | Status::TooEarly => "red",
        Status::DueSoon => "yellow",
        Status::Pending => "blue",
        Status::Met => "green",
        Status::MetLate => "orange",
        Status::Excepted => "purple",
        Status::NotApplicable => "grey",
    }
}

/// The tag text of a deadline on `today`.
pub fn deadline_tag_text(deadline: &Deadline, today: NaiveDate) -> String {
    tag_text(deadline.status, deadline.days_late, deadline.due, today)
}

/// A count as GOV.UK writes it: "200", "4,800", "10,000".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `bytes` in `unit`s of `scale` bytes, rounded to one decimal place:
/// "4.2 MB". Whole tenths, worked out by hand: formatting an `f64` would
/// bring the float printer into the app (many kilobytes).
///
/// ```
/// use ehc_timeline::labels::tenths_of;
/// assert_eq!(tenths_of(4_180_000, 1_000_000, "MB"), "4.2 MB");
/// assert_eq!(tenths_of(878, 1_000, "KB"), "0.9 KB");
/// ```
pub fn tenths_of(bytes: u64, scale: u64, unit: &str) -> String {
    let tenths = (bytes * 10 + scale / 2) / scale;
    format!("{}.{} {unit}", tenths / 10, tenths % 10)
}

/// "1 case", "1,200 cases": a count and its noun, one or many.
///
/// ```
/// use ehc_timeline::labels::counted;
/// assert_eq!(counted(1, "case", "cases"), "1 case");
/// assert_eq!(counted(1_200, "file", "files"), "1,200 files");
/// assert_eq!(counted(0, "pool", "pools"), "0 pools");
/// ```
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), if n == 1 { one } else { many })
}
