//! The pages of the app, mirrored in `location.hash` so a reload keeps the page.

/// A page of the app.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum View {
    /// `#/`: the case list.
    #[default]
    Cases,
    /// `#/add`
    AddCase,
    /// `#/import`
    Import,
    /// `#/lock`: the passphrase lock's settings.
    Lock,
    /// `#/agenda`: every deadline of every case.
    Agenda,
    /// `#/pools`: sharing cases anonymised, and the pools of others' cases.
    Pools,
    /// `#/report`: the council report of the cases.
    Report,
    /// `#/case/ID`
    Case(String),
    /// `#/case/ID/deadline/N`: the case page, at its deadline N (its place
    /// in the case's evaluation), as a row of the picture or the agenda
    /// leads there.
    Deadline(String, usize),
    /// `#/case/ID/rename`
    RenameCase(String),
    /// `#/case/ID/log`
    LogEvent(String),
    /// `#/case/ID/event/EID`
    EditEvent(String, String),
    /// `#/case/ID/chronology`: the printable chronology.
    Chronology(String),
    /// `#/case/ID/letters`: letter drafts.
    Letters(String),
    /// `#/case/ID/share`: the case shared anonymised.
    ShareCase(String),
    /// `#/case/ID/event/EID/documents`: the documents kept with an event.
    Documents(String, String),
    /// `#/case/ID/bundle`: the case's evidence bundle, one PDF.
    Bundle(String),
    /// `#/backup`: every case and document, in one file.
    Backup,
}

impl View {
    /// The page a hash names; an unknown hash is the case list.
    ///
    /// ```
    /// use ehc_timeline::View;
    /// assert_eq!(View::from_hash("#/case/c-1/log"), View::LogEvent("c-1".into()));
    /// assert_eq!(View::from_hash(""), View::Cases);
    /// ```
    pub fn from_hash(hash: &str) -> View {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        // The words of a path are plain; only the ids in it are decoded.
        let parts: Vec<&str> = path.split('/').filter(|part| !part.is_empty()).collect();
        match parts.as_slice() {
            ["add"] => View::AddCase,
            ["import"] => View::Import,
            ["lock"] => View::Lock,
            ["agenda"] => View::Agenda,
            ["pools"] => View::Pools,
            ["report"] => View::Report,
            ["backup"] => View::Backup,
            ["case", id] => View::Case(decode(id)),
            ["case", id, "rename"] => View::RenameCase(decode(id)),
            ["case", id, "log"] => View::LogEvent(decode(id)),
            ["case", id, "chronology"] => View::Chronology(decode(id)),
            ["case", id, "letters"] => View::Letters(decode(id)),
            ["case", id, "share"] => View::ShareCase(decode(id)),
            ["case", id, "bundle"] => View::Bundle(decode(id)),
            ["case", id, "event", event, "documents"] => View::Documents(decode(id), decode(event)),
            ["case", id, "event", event] => View::EditEvent(decode(id), decode(event)),
            ["case", id, "deadline", n] => match n.parse() {
                Ok(n) => View::Deadline(decode(id), n),
                Err(_) => View::Case(decode(id)),
            },
            _ => View::Cases,
        }
    }

    /// The hash of the page, for a link's `href`.
    ///
    /// ```
    /// use ehc_timeline::View;
    /// assert_eq!(View::EditEvent("c-1".into(), "e-2".into()).to_hash(), "#/case/c-1/event/e-2");
    /// ```
    pub fn to_hash(&self) -> String {
        match self {
            View::Cases => "#/".to_owned(),
            View::AddCase => "#/add".to_owned(),
            View::Import => "#/import".to_owned(),
            View::Lock => "#/lock".to_owned(),
            View::Agenda => "#/agenda".to_owned(),
            View::Pools => "#/pools".to_owned(),
            View::Report => "#/report".to_owned(),
            View::Backup => "#/backup".to_owned(),
            View::Case(id) => format!("#/case/{}", encode(id)),
            View::RenameCase(id) => format!("#/case/{}/rename", encode(id)),
            View::LogEvent(id) => format!("#/case/{}/log", encode(id)),
            View::Chronology(id) => format!("#/case/{}/chronology", encode(id)),
            View::Letters(id) => format!("#/case/{}/letters", encode(id)),
            View::ShareCase(id) => format!("#/case/{}/share", encode(id)),
            View::Bundle(id) => format!("#/case/{}/bundle", encode(id)),
            View::Documents(id, event) => {
                format!("#/case/{}/event/{}/documents", encode(id), encode(event))
            }
            View::Deadline(id, n) => format!("#/case/{}/deadline/{n}", encode(id)),
            View::EditEvent(id, event) => {
                format!("#/case/{}/event/{}", encode(id), encode(event))
            }
        }
    }
}

/// Percent-encodes everything but letters, digits and `-_.~`, so any id read
/// from a case file makes a safe hash.
fn encode(id: &str) -> String {
    let mut out = String::new();
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn decode(part: &str) -> String {
    let bytes = part.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
