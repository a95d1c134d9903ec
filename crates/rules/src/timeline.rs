//! A case's exactly dated events in date order, with the look-ups the stage
//! modules ask of them: "the first decision on or after the request and before
//! the next one".

use chrono::NaiveDate;

use crate::case_file::{Event, EventKind};
use crate::deadline::{EventRef, Label, On};
use crate::receipt::received_on;

/// An event placed on the calendar: its own date, or for a request that was
/// only recorded as sent, the date it is taken to have arrived.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dated<'a> {
    pub event: &'a Event,
    pub kind: &'a EventKind,
    pub date: NaiveDate,
    /// `kind` as a bit of a `KindSet`, for cheap look-ups.
    bit: u64,
}

impl<'a> Dated<'a> {
    /// `event`, of `kind`, placed on `date`.
    pub fn new(event: &'a Event, kind: &'a EventKind, date: NaiveDate) -> Dated<'a> {
        Dated {
            event,
            kind,
            date,
            bit: kind_bit(kind),
        }
    }

    /// This event, as a sentence of the working names it.
    pub fn on(self) -> On<'a> {
        On {
            date: self.date,
            name: &self.event.id,
        }
    }

    /// A reference to this event for a deadline.
    pub fn to_ref(self) -> EventRef<'a> {
        let mut reference = EventRef::new(self.event, self.date);
        if self.kind != &self.event.kind {
            reference.label = Label::WorkedOut(self.kind);
        }
        reference
    }
}

/// The events of one case with an exact date, sorted by date; events on the
/// same day keep the order of the file. Approximate dates are left out: they are
/// never used in a calculation.
pub(crate) struct Timeline<'a> {
    dated: Vec<Dated<'a>>,
}

impl<'a> Timeline<'a> {
    pub fn new(events: &mut dyn Iterator<Item = &'a Event>) -> Timeline<'a> {
        let mut dated: Vec<Dated<'a>> = events
            .filter_map(|event| Some(Dated::new(event, &event.kind, event.date()?)))
            .collect();
        let derived: Vec<Dated<'a>> = dated
            .iter()
            .filter_map(|sent| derived_receipt(sent.event, &dated))
            .collect();
        dated.extend(derived);
        crate::date_order::sort_by_date(&mut dated, |dated| (dated.date, dated.date));
        Timeline { dated }
    }

    /// Every event of one of `kinds`, in date order.
    pub fn of(&self, kinds: &[EventKind]) -> impl Iterator<Item = Dated<'a>> + use<'a, '_> {
        let set = kind_set(kinds);
        self.dated
            .iter()
            .copied()
            .filter(move |dated| dated.bit & set != 0)
    }

    /// The first event of one of `kinds` dated on or after `from` and, when
    /// `before` is given, strictly before it.
    pub fn first(
        &self,
        kinds: &[EventKind],
        from: NaiveDate,
        before: Option<NaiveDate>,
    ) -> Option<Dated<'a>> {
        let set = kind_set(kinds);
        self.dated[self.starting(from)..]
            .iter()
            .take_while(|dated| before.is_none_or(|end| dated.date < end))
            .find(|dated| dated.bit & set != 0)
            .copied()
    }

    /// The last event of one of `kinds` dated strictly before `date`.
    pub fn last_before(&self, kinds: &[EventKind], date: NaiveDate) -> Option<Dated<'a>> {
        let set = kind_set(kinds);
        self.dated[..self.starting(date)]
            .iter()
            .rfind(|dated| dated.bit & set != 0)
            .copied()
    }

    /// The position of the first event dated on or after `date`.
    fn starting(&self, date: NaiveDate) -> usize {
        self.dated.partition_point(|dated| dated.date < date)
    }

    /// Each event of one of `kinds` with the date of the next one, if any: the
    /// span in which the events that answer it are looked for.
    pub fn spans(&self, kinds: &[EventKind]) -> Vec<(Dated<'a>, Option<NaiveDate>)> {
        let starts: Vec<Dated<'a>> = self.of(kinds).collect();
        starts
            .iter()
            .enumerate()
            .map(|(i, start)| (*start, starts.get(i + 1).map(|next| next.date)))
            .collect()
    }
}

static REQUEST_RECEIVED: EventKind = EventKind::RequestReceived;

/// How many days after the derived date a recorded `request-received` is still
/// taken to be the real arrival of the same request.
const SAME_REQUEST_DAYS: i64 = 14;

/// For a `request-sent` with a method, the derived `request-received`, unless
/// the user recorded the real arrival (a `request-received` from the send date
/// to 14 days after the derived date).
pub(crate) fn derived_receipt<'a>(sent: &'a Event, dated: &[Dated<'a>]) -> Option<Dated<'a>> {
    if sent.kind != EventKind::RequestSent {
        return None;
    }
    let sent_on = sent.date()?;
    let received = received_on(sent_on, sent.method?, sent.time);
    let recorded = dated.iter().any(|other| {
        other.event.kind == EventKind::RequestReceived
            && other.date >= sent_on
            && (other.date - received).num_days() <= SAME_REQUEST_DAYS
    });
    (!recorded).then(|| Dated::new(sent, &REQUEST_RECEIVED, received))
}

/// `kinds` as a set of bits.
fn kind_set(kinds: &[EventKind]) -> u64 {
    kinds.iter().fold(0, |set, kind| set | kind_bit(kind))
}

/// A kind as one bit of a 64-bit set: each known kind its own bit (there are
/// fewer than 64), and no bit for a custom `x-` kind, which no rule looks for.
fn kind_bit(kind: &EventKind) -> u64 {
    const _: () = assert!(EventKind::KNOWN.len() < 64);
    kind.known_index().map_or(0, |index| 1 << index)
}
