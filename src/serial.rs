//! Tasks run one after another, in the order they were queued: encrypted
//! saves are asynchronous, and a later save must never be overtaken by an
//! earlier one.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// A task of the queue.
pub type Task = Pin<Box<dyn Future<Output = ()>>>;

/// A queue of tasks, each started once the one before it has finished.
#[derive(Default)]
pub struct Serial {
    tasks: RefCell<VecDeque<Task>>,
    running: Cell<bool>,
}

impl Serial {
    /// Queues `task`. When no task is running, returns the future that runs
    /// this one and every task queued after it, for the caller to spawn.
    pub fn push(self: &Rc<Self>, task: impl Future<Output = ()> + 'static) -> Option<Task> {
        self.push_task(Box::pin(task))
    }

    /// [`Serial::push`] once the task is boxed: one copy of the queue's code,
    /// not one for each kind of task.
    fn push_task(self: &Rc<Self>, task: Task) -> Option<Task> {
        self.tasks.borrow_mut().push_back(task);
        if self.running.replace(true) {
            return None;
        }
        let serial = Rc::clone(self);
        Some(Box::pin(async move {
            loop {
                // The borrow ends before the task runs: it may queue more.
                let next = serial.tasks.borrow_mut().pop_front();
                match next {
                    Some(task) => task.await,
                    None => break,
                }
            }
            serial.running.set(false);
        }))
    }

    /// Whether a task is running or waiting.
    pub fn busy(&self) -> bool {
        self.running.get()
    }
}
