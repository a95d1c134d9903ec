//! `ehc report`'s count of many case files on every core. Each worker takes
//! the next file not yet taken and reads it (a file is read by one worker,
//! from its start, so its faults are found and named as `check` names them);
//! the cases it reads it evaluates and counts itself, unless another worker
//! has no file left to read: then it hands such workers the cases in
//! batches, keeping a few waiting for them (a worker woken takes a while to
//! run, longer on a busy computer), so one big file, or the last of many,
//! still keeps every core busy. The
//! workers' counts are merged, and the report sorts what it counts, so it is
//! the same, byte for byte, whatever the number of threads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

use chrono::NaiveDate;
use outputs::CouncilTally;
use rules::{Case, evaluate};

/// How many cases a reader hands over at a time: enough that the hand-over
/// costs little beside evaluating them, few enough to share one file's last
/// cases out.
const BATCH: usize = 16;

/// How many batches may wait for each worker with no file left: enough to
/// keep it busy while the reader is not running (on a busy computer, for
/// tens of milliseconds), few enough to hold little (about 2 MB).
const WAITING: usize = 8;

/// Every case of every file counted on `threads` threads; or the first file
/// in the order given that cannot be read, and why. `read` reads one file,
/// handing each case on as soon as it is read.
pub fn tally_files<R>(
    paths: &[String],
    today: NaiveDate,
    threads: usize,
    read: R,
) -> Result<CouncilTally, (&str, String)>
where
    R: Fn(&str, &mut Vec<u8>, &mut dyn FnMut(Case)) -> Result<(), String> + Sync,
{
    let threads = threads.max(1);
    let shared = Shared {
        threads,
        next: AtomicUsize::new(0),
        queue: Mutex::new(Queue {
            batches: Vec::new(),
            reading: threads,
        }),
        ready: Condvar::new(),
    };
    let work = || {
        let mut tally = CouncilTally::default();
        let failed = shared.read_files(paths, today, &read, &mut tally);
        shared.help(today, &mut tally);
        (tally, failed)
    };
    let parts: Vec<(CouncilTally, Option<(usize, String)>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .expect("a worker of the report does not panic")
            })
            .collect()
    });
    let mut whole = CouncilTally::default();
    let mut failed: Option<(usize, String)> = None;
    for (tally, failure) in parts {
        whole.merge(tally);
        if let Some((at, message)) = failure
            && failed.as_ref().is_none_or(|(first, _)| at < *first)
        {
            failed = Some((at, message));
        }
    }
    match failed {
        Some((at, message)) => Err((&paths[at], message)),
        None => Ok(whole),
    }
}

/// What the workers share: the next file to take, and the cases handed over.
struct Shared {
    threads: usize,
    next: AtomicUsize,
    queue: Mutex<Queue>,
    ready: Condvar,
}

/// Cases handed over, and how many workers are still reading.
struct Queue {
    batches: Vec<Vec<Case>>,
    /// Workers still reading files: while any is, a batch may come; the
    /// others count the batches.
    reading: usize,
}

impl Shared {
    fn queue(&self) -> MutexGuard<'_, Queue> {
        self.queue
            .lock()
            .expect("a worker of the report does not panic")
    }

    /// Reads the next file not yet taken until none is left or one cannot
    /// be read, as its index and why: a worker's first failure is the first
    /// of the files it took, so the least of the workers' is the first of all.
    fn read_files<R>(
        &self,
        paths: &[String],
        today: NaiveDate,
        read: &R,
        tally: &mut CouncilTally,
    ) -> Option<(usize, String)>
    where
        R: Fn(&str, &mut Vec<u8>, &mut dyn FnMut(Case)) -> Result<(), String>,
    {
        let mut bytes = Vec::new();
        let mut batch = Vec::with_capacity(BATCH);
        let failed = loop {
            let at = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(path) = paths.get(at) else {
                break None;
            };
            let read = read(path, &mut bytes, &mut |case| {
                batch.push(case);
                if batch.len() == BATCH {
                    self.hand_over_or_count(&mut batch, today, tally);
                }
            });
            count(batch.drain(..), today, tally);
            if let Err(message) = read {
                break Some((at, message));
            }
        };
        self.queue().reading -= 1;
        self.ready.notify_all();
        failed
    }

    /// Hands `batch` to the workers with no file left, `WAITING` batches
    /// for each at most; or counts it here, when they have enough to do.
    fn hand_over_or_count(
        &self,
        batch: &mut Vec<Case>,
        today: NaiveDate,
        tally: &mut CouncilTally,
    ) {
        let mut queue = self.queue();
        if queue.batches.len() < WAITING * (self.threads - queue.reading) {
            queue
                .batches
                .push(std::mem::replace(batch, Vec::with_capacity(BATCH)));
            drop(queue);
            self.ready.notify_one();
        } else {
            drop(queue);
            count(batch.drain(..), today, tally);
        }
    }

    /// Counts the batches handed over until no worker is reading.
    fn help(&self, today: NaiveDate, tally: &mut CouncilTally) {
        let mut queue = self.queue();
        loop {
            if let Some(batch) = queue.batches.pop() {
                drop(queue);
                count(batch, today, tally);
                queue = self.queue();
            } else if queue.reading == 0 {
                return;
            } else {
                queue = self
                    .ready
                    .wait(queue)
                    .expect("a worker of the report does not panic");
            }
        }
    }
}

/// Evaluates each case on `today` and counts it.
fn count(cases: impl IntoIterator<Item = Case>, today: NaiveDate, tally: &mut CouncilTally) {
    for case in cases {
        tally.add(&case, &evaluate(&case, today));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rules::case_file::import_case_file;

    const FIXTURE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/council-report.json"
    );
    const MARKED: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/every-field-marked.json"
    );

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
    }

    /// The report as `ehc report` prints it in each format.
    fn printed(tally: CouncilTally) -> [String; 3] {
        let report = tally.report(today());
        [
            report.to_text(),
            report.to_csv(),
            serde_json::to_string_pretty(&report).unwrap(),
        ]
    }

    /// The cases of `paths` counted one after another, as the report's
    /// definition reads.
    fn counted_in_turn(paths: &[String]) -> [String; 3] {
        let mut tally = CouncilTally::default();
        for path in paths {
            let file = import_case_file(std::fs::read(path).unwrap()).unwrap();
            for case in &file.cases {
                tally.add(case, &evaluate(case, today()));
            }
        }
        printed(tally)
    }

    /// The fixture's cases 25 times over (500 cases, ids made unique), in a
    /// file of its own: many batches for a reader to hand over.
    fn big_file() -> String {
        let mut file = import_case_file(std::fs::read(FIXTURE).unwrap()).unwrap();
        let one = std::mem::take(&mut file.cases);
        for copy in 0..25 {
            file.cases.extend(one.iter().cloned().map(|mut case| {
                case.id = format!("{}-{copy}", case.id);
                case
            }));
        }
        let path = std::env::temp_dir().join(format!("ehc-tally-{}.json", std::process::id()));
        std::fs::write(&path, rules::write_case_file(&file)).unwrap();
        path.to_str().unwrap().to_owned()
    }

    /// One file (whose cases a reader hands to the others), a few, and more
    /// files than threads: the same report, byte for byte, on 1 to 4 threads.
    #[test]
    fn the_report_is_the_same_whatever_the_number_of_threads() {
        let fixture = FIXTURE.to_owned();
        let sets = [
            vec![big_file()],
            vec![fixture.clone()],
            vec![fixture.clone(), MARKED.to_owned()],
            vec![fixture; 7],
        ];
        for paths in sets {
            let expected = counted_in_turn(&paths);
            for threads in 1..=4 {
                let tally = tally_files(&paths, today(), threads, crate::read_each).unwrap();
                assert_eq!(printed(tally), expected, "{threads} threads, {paths:?}");
            }
        }
    }

    /// Of several files that cannot be read, the first in the order given
    /// is named, however the files were shared out.
    #[test]
    fn the_first_unreadable_file_is_named_whatever_the_number_of_threads() {
        let paths: Vec<String> = [FIXTURE, "no-such-1.json", FIXTURE, "no-such-2.json"]
            .map(str::to_owned)
            .to_vec();
        for threads in 1..=4 {
            let Err((path, message)) = tally_files(&paths, today(), threads, crate::read_each)
            else {
                panic!("{threads} threads: a file cannot be read");
            };
            assert_eq!(path, "no-such-1.json", "{threads} threads");
            assert!(message.starts_with("cannot read the file"), "{message}");
        }
    }
}
