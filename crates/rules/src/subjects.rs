//! Events grouped by the party or school they are about, so that pairing each
//! request with its reply takes a sort, not a walk through every reply for
//! every request: a case of thousands of events stays quick.

/// Items (requests, replies) grouped by subject: the subject of each, and
/// their positions sorted by subject, each subject's in their own order.
pub(crate) struct Subjects<'a> {
    subjects: Vec<Option<&'a str>>,
    sorted: Vec<usize>,
}

impl<'a> Subjects<'a> {
    /// Groups items by `subjects`, the subject of each item in turn.
    pub fn new(subjects: Vec<Option<&'a str>>) -> Subjects<'a> {
        // The position breaks ties, so the order is a stable sort's.
        let sorted = crate::date_order::sorted_positions_by(subjects.len(), &|a, b| {
            (subjects[a], a).cmp(&(subjects[b], b))
        });
        Subjects { subjects, sorted }
    }

    /// The positions of the items about `subject`, in order.
    pub fn about(&self, subject: Option<&str>) -> &[usize] {
        let start = self
            .sorted
            .partition_point(|&at| self.subjects[at] < subject);
        let end = self
            .sorted
            .partition_point(|&at| self.subjects[at] <= subject);
        &self.sorted[start..end]
    }

    /// For each item, the position of the next item about the same subject.
    pub fn next_about_same(&self) -> Vec<Option<usize>> {
        let mut next = vec![None; self.subjects.len()];
        for pair in self.sorted.windows(2) {
            if self.subjects[pair[0]] == self.subjects[pair[1]] {
                next[pair[0]] = Some(pair[1]);
            }
        }
        next
    }
}
