//! A case's exactly dated events in date order, with the look-ups the stage
//! modules ask of them: "the first decision on or after the request and before
//! the next one".

use std::ops::Range;

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
    /// `kind` as one bit, none for a custom kind: where the index files it.
    bit: u64,
}

// `#[inline(always)]` here and on the look-ups' helpers below: built for size
// (the app's wasm), each would be a call, asked thousands of times a case.
impl<'a> Dated<'a> {
    /// `event`, of `kind`, placed on `date`.
    #[inline(always)]
    pub fn new(event: &'a Event, kind: &'a EventKind, date: NaiveDate) -> Dated<'a> {
        Dated {
            event,
            kind,
            date,
            bit: kind_bit(kind),
        }
    }

    /// This event, as a sentence of the working names it.
    #[inline(always)]
    pub fn on(self) -> On<'a> {
        On {
            date: self.date,
            name: &self.event.id,
        }
    }

    /// A reference to this event for a deadline.
    #[inline(always)]
    pub fn to_ref(self) -> EventRef<'a> {
        // The same place, not an equal kind: a request's arrival worked out
        // from a sent request is the one `Dated` whose kind is not its event's
        // own, and comparing places is no call where built for size.
        let label = if std::ptr::eq(self.kind, &self.event.kind) {
            Label::Kind(self.event)
        } else {
            // Only a request's arrival is dated from another event.
            Label::WorkedOut(self.event)
        };
        EventRef {
            date: self.date,
            label,
        }
    }
}

/// The events of one case with an exact date, sorted by date; events on the
/// same day keep the order of the file. Approximate dates are left out: they are
/// never used in a calculation.
///
/// Beside them, an index of their positions kind by kind, so that "the first
/// decision on or after the request" is a binary search, not a walk through
/// the case: a case of 10,000 events asks thousands of such questions.
pub(crate) struct Timeline<'a> {
    dated: Vec<Dated<'a>>,
    /// The positions in `dated` of each known kind's events, kind after kind
    /// in the order of `EventKind::KNOWN`, each kind's in date order.
    by_kind: Vec<usize>,
    /// Where each kind's positions end in `by_kind` (and the next kind's begin).
    kind_ends: [usize; KINDS],
}

/// How many kinds the rules know.
const KINDS: usize = EventKind::KNOWN.len();

impl<'a> Timeline<'a> {
    pub fn new(events: &mut dyn Iterator<Item = &'a Event>) -> Timeline<'a> {
        // Room for every event at once: collecting the filtered events would
        // grow the list four times over for a case of 60.
        let mut dated: Vec<Dated<'a>> = Vec::with_capacity(events.size_hint().0);
        dated
            .extend(events.filter_map(|event| Some(Dated::new(event, &event.kind, event.date()?))));
        let sent = kind_bit(&EventKind::RequestSent);
        if dated.iter().any(|dated| dated.bit == sent) {
            let mut received: Vec<NaiveDate> = dated
                .iter()
                .filter(|dated| dated.kind == &REQUEST_RECEIVED)
                .map(|dated| dated.date)
                .collect();
            crate::date_order::sort_by_date(&mut received, |&date| (date, date));
            let derived: Vec<Dated<'a>> = dated
                .iter()
                .filter_map(|sent| derived_receipt(sent.event, &received))
                .collect();
            dated.extend(derived);
        }
        crate::date_order::sort_vec_by_date(&mut dated, |dated| (dated.date, dated.date));
        let (by_kind, kind_ends) = index_by_kind(&dated);
        Timeline {
            dated,
            by_kind,
            kind_ends,
        }
    }

    /// Every event of one of `kinds` (at most 8), in date order: the kinds'
    /// positions merged, so the events of other kinds are never visited.
    pub fn of<'t>(&'t self, kinds: &[EventKind]) -> Of<'t, 'a> {
        assert!(kinds.len() <= MERGED, "at most {MERGED} kinds at once");
        let mut heads = [(0, 0); MERGED];
        for (head, kind) in heads.iter_mut().zip(kinds) {
            let group = self.group(kind);
            // A case's events number far fewer than 2^32: they are in memory.
            *head = (group.start as u32, group.end as u32);
        }
        Of {
            timeline: self,
            heads,
            kinds: kinds.len(),
        }
    }

    /// Every event of `kind`, in date order, read in place: no list of them is made.
    pub fn all_of<'t>(&'t self, kind: &EventKind) -> OfKind<'t, 'a> {
        OfKind {
            dated: &self.dated,
            positions: self.positions(kind),
        }
    }

    /// The positions in date order of the events of `kind`; none for a custom kind.
    #[inline(always)]
    fn positions(&self, kind: &EventKind) -> &[usize] {
        &self.by_kind.as_slice()[self.group(kind)]
    }

    /// Where the positions of `kind`'s events are in `by_kind`.
    #[inline(always)]
    fn group(&self, kind: &EventKind) -> Range<usize> {
        let Some(index) = kind.known_index() else {
            return 0..0;
        };
        let start = if index == 0 {
            0
        } else {
            self.kind_ends[index - 1]
        };
        start..self.kind_ends[index]
    }

    /// The first event of one of `kinds` dated on or after `from` and, when
    /// `before` is given, strictly before it.
    pub fn first(
        &self,
        kinds: &[EventKind],
        from: NaiveDate,
        before: Option<NaiveDate>,
    ) -> Option<Dated<'a>> {
        // A plain loop over slices: built for size (the app's wasm), the
        // iterator adapters, `partition_point` and a `Vec`'s indexing would
        // each be a call, and this is the engine's most frequent question.
        let dated = self.dated.as_slice();
        let mut earliest: Option<usize> = None;
        for kind in kinds {
            let positions = self.positions(kind);
            let (mut low, mut high) = (0, positions.len());
            while low < high {
                let middle = low + (high - low) / 2;
                if dated[positions[middle]].date < from {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            if low < positions.len() && earliest.is_none_or(|at| positions[low] < at) {
                earliest = Some(positions[low]);
            }
        }
        let found = dated[earliest?];
        before.is_none_or(|end| found.date < end).then_some(found)
    }

    /// The last event of one of `kinds` dated strictly before `date`.
    pub fn last_before(&self, kinds: &[EventKind], date: NaiveDate) -> Option<Dated<'a>> {
        self.last(kinds, |dated| dated.date < date)
    }

    /// The last event of one of `kinds` dated on or before `date`.
    pub fn last_until(&self, kinds: &[EventKind], date: NaiveDate) -> Option<Dated<'a>> {
        self.last(kinds, |dated| dated.date <= date)
    }

    /// The last event of one of `kinds` for which `early` holds, where `early`
    /// holds of every event up to some date and of none after it.
    fn last(&self, kinds: &[EventKind], early: impl Fn(&Dated) -> bool) -> Option<Dated<'a>> {
        kinds
            .iter()
            .filter_map(|kind| {
                let positions = self.positions(kind);
                let after = positions.partition_point(|&at| early(&self.dated[at]));
                after.checked_sub(1).map(|last| positions[last])
            })
            .max()
            .map(|position| self.dated[position])
    }

    /// Each event of one of `kinds` with the date of the next one, if any: the
    /// span in which the events that answer it are looked for.
    pub fn spans<'t>(
        &'t self,
        kinds: &[EventKind],
    ) -> impl Iterator<Item = (Dated<'a>, Option<NaiveDate>)> + use<'a, 't> {
        let mut starts = self.of(kinds).peekable();
        std::iter::from_fn(move || {
            let start = starts.next()?;
            Some((start, starts.peek().map(|next| next.date)))
        })
    }
}

/// The events of one kind in date order, from the kind's positions.
#[derive(Clone, Copy)]
pub(crate) struct OfKind<'t, 'a> {
    dated: &'t [Dated<'a>],
    positions: &'t [usize],
}

impl<'a> OfKind<'_, 'a> {
    /// How many there are.
    pub fn len(self) -> usize {
        self.positions.len()
    }

    /// The `at`th of them (from 0).
    #[inline(always)]
    pub fn get(self, at: usize) -> Dated<'a> {
        self.dated[self.positions[at]]
    }

    /// The first of them from the `from`th on for which `found` holds.
    pub fn find_from(self, from: usize, found: impl Fn(&Dated<'a>) -> bool) -> Option<Dated<'a>> {
        // A plain loop: built for size (the app's wasm), an iterator's
        // adapters would each be code of their own.
        let mut at = from;
        while at < self.len() {
            let dated = self.get(at);
            if found(&dated) {
                return Some(dated);
            }
            at += 1;
        }
        None
    }
}

/// The most kinds `Timeline::of` merges: the appealable decisions are 8.
const MERGED: usize = 8;

/// The events of some kinds in date order, from each kind's positions.
pub(crate) struct Of<'t, 'a> {
    timeline: &'t Timeline<'a>,
    /// For each kind, the part of `by_kind` not visited yet, as (start, end):
    /// small, so that the iterator is returned without a copy loop.
    heads: [(u32, u32); MERGED],
    /// How many of `heads` are in use: most look-ups ask for one kind.
    kinds: usize,
}

impl<'a> Iterator for Of<'_, 'a> {
    type Item = Dated<'a>;

    fn next(&mut self) -> Option<Dated<'a>> {
        // The kind whose next event comes first in the timeline.
        let mut first: Option<(usize, usize)> = None;
        for (head, &(start, end)) in self.heads[..self.kinds].iter().enumerate() {
            if start < end {
                let position = self.timeline.by_kind.as_slice()[start as usize];
                if first.is_none_or(|(_, earliest)| position < earliest) {
                    first = Some((head, position));
                }
            }
        }
        let (head, position) = first?;
        self.heads[head].0 += 1;
        Some(self.timeline.dated.as_slice()[position])
    }

    /// Exact: a list collected from it is allocated once, at its length.
    fn size_hint(&self) -> (usize, Option<usize>) {
        let mut left = 0;
        for &(start, end) in &self.heads {
            // The heads not in use are empty.
            left += (end - start) as usize;
        }
        (left, Some(left))
    }
}

/// The positions of `dated`'s events grouped by kind (a counting sort, so in
/// date order within each kind), and where each kind's group ends.
fn index_by_kind(dated: &[Dated]) -> (Vec<usize>, [usize; KINDS]) {
    // Plain loops: built for size (the app's wasm), an iterator's adapters
    // would be calls for every event.
    let kind = |dated: &Dated| match dated.bit {
        0 => None,
        bit => Some(bit.trailing_zeros() as usize),
    };
    // Each kind's count, then where its group starts, then, as the group is
    // filled, its next free place: once filled, where it ends.
    let mut next = [0; KINDS];
    for dated in dated {
        if let Some(kind) = kind(dated) {
            next[kind] += 1;
        }
    }
    let mut start = 0;
    for slot in &mut next {
        let count = *slot;
        *slot = start;
        start += count;
    }
    let mut by_kind = vec![0; start];
    for (position, dated) in dated.iter().enumerate() {
        if let Some(kind) = kind(dated) {
            by_kind.as_mut_slice()[next[kind]] = position;
            next[kind] += 1;
        }
    }
    (by_kind, next)
}

static REQUEST_RECEIVED: EventKind = EventKind::RequestReceived;

/// How many days after the derived date a recorded `request-received` is still
/// taken to be the real arrival of the same request.
const SAME_REQUEST_DAYS: i64 = 14;

/// For a `request-sent` with a method, the derived `request-received`, unless
/// the user recorded the real arrival (a `request-received` from the send date
/// to 14 days after the derived date). `received` holds the dates of the
/// recorded `request-received` events, sorted.
fn derived_receipt<'a>(sent: &'a Event, received: &[NaiveDate]) -> Option<Dated<'a>> {
    if sent.kind != EventKind::RequestSent {
        return None;
    }
    let sent_on = sent.date()?;
    let derived = received_on(sent_on, sent.method?, sent.time);
    // The earliest arrival on or after the send date is the likeliest to be
    // within the 14 days: the later a date, the further past them.
    let recorded = received
        .get(received.partition_point(|&date| date < sent_on))
        .is_some_and(|&date| (date - derived).num_days() <= SAME_REQUEST_DAYS);
    (!recorded).then(|| Dated::new(sent, &REQUEST_RECEIVED, derived))
}

/// A kind as one bit of a 64-bit set: each known kind its own bit (there are
/// fewer than 64), and no bit for a custom `x-` kind, which no rule looks for.
#[inline(always)]
fn kind_bit(kind: &EventKind) -> u64 {
    const _: () = assert!(EventKind::KNOWN.len() < 64);
    kind.known_index().map_or(0, |index| 1 << index)
}
