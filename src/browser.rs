//! The one seam to the browser: today's date, the location hash, focus, files,
//! downloads and localStorage. Natively (tests, clippy) each function is a
//! harmless stand-in, so every component renders through the server renderer.

pub use imp::*;

/// How long a long task (pooling files, rewriting the store for the lock)
/// runs before its progress is shown, in milliseconds: a shorter one would
/// only flash a message.
pub const PROGRESS_AFTER_MS: f64 = 200.0;

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::{Cell, OnceCell};
    use std::rc::Rc;

    use chrono::NaiveDate;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlElement, HtmlInputElement, Url};
    use yew::Callback;

    use crate::parts::FromMain;
    use crate::storage::Backend;

    fn window() -> web_sys::Window {
        web_sys::window().expect("the app runs in a window")
    }

    fn document() -> web_sys::Document {
        window().document().expect("a window has a document")
    }

    /// Today in the user's local time zone, as a calendar date: the only
    /// place the app asks for the date (never from a UTC timestamp).
    pub fn today() -> NaiveDate {
        let now = js_sys::Date::new_0();
        NaiveDate::from_ymd_opt(
            now.get_full_year() as i32,
            now.get_month() + 1,
            now.get_date(),
        )
        .expect("the browser's local date is a real date")
    }

    /// A random number, for new case ids.
    pub fn random_u32() -> u32 {
        (js_sys::Math::random() * f64::from(u32::MAX)) as u32
    }

    /// The location hash, such as `#/case/c-1`.
    pub fn hash() -> String {
        window().location().hash().unwrap_or_default()
    }

    /// Puts `hash` in the address bar as a new history entry, unless it is
    /// there already, and tells the `hashchange` listeners (the main module
    /// follows a part's page that way). Through `history.pushState`, not
    /// `location.hash`: setting the hash scrolls to its fragment, which forces
    /// a layout of the page being left (9 ms after a Save at 10,000 cases).
    /// The back button still fires `hashchange`, as the hashes differ.
    pub fn set_hash(hash: &str) {
        let window = window();
        if window.location().hash().ok().as_deref() == Some(hash) {
            return;
        }
        let pushed = window.history().and_then(|history| {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash))
        });
        match pushed {
            Ok(()) => {
                if let Ok(changed) = web_sys::Event::new("hashchange") {
                    let _ = window.dispatch_event(&changed);
                }
            }
            Err(_) => {
                let _ = window.location().set_hash(hash);
            }
        }
    }

    /// A listener for one event, removed when dropped (or stopped).
    pub struct Listener {
        target: web_sys::EventTarget,
        name: &'static str,
        closure: Closure<dyn Fn(web_sys::Event)>,
    }

    impl Listener {
        fn new(
            target: web_sys::EventTarget,
            name: &'static str,
            f: Box<dyn Fn(web_sys::Event)>,
        ) -> Listener {
            // Boxed by the caller: one copy of this code for every listener.
            let closure = Closure::wrap(f);
            let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
            Listener {
                target,
                name,
                closure,
            }
        }

        /// Stops listening.
        pub fn stop(self) {}
    }

    impl Drop for Listener {
        fn drop(&mut self) {
            let _ = self.target.remove_event_listener_with_callback(
                self.name,
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }

    /// Calls back with the new hash whenever it changes.
    pub fn on_hash_change(on_change: Callback<String>) -> Listener {
        Listener::new(
            window().into(),
            "hashchange",
            Box::new(move |_| on_change.emit(hash())),
        )
    }

    /// Calls back with today's date whenever the page is shown again and at
    /// each local midnight while it stays open, so "Due in 1 day" never stays
    /// up on the day itself.
    pub fn on_new_day(on_day: Callback<NaiveDate>) -> DayWatch {
        let tick: Rc<OnceCell<Closure<dyn Fn()>>> = Rc::new(OnceCell::new());
        let timer = Rc::new(Cell::new(0));
        let (weak, armed, day) = (Rc::downgrade(&tick), timer.clone(), on_day.clone());
        let _ = tick.set(Closure::wrap(Box::new(move || {
            day.emit(today());
            if let Some(tick) = weak.upgrade() {
                armed.set(at_next_midnight(&tick));
            }
        }) as Box<dyn Fn()>));
        timer.set(at_next_midnight(&tick));
        let shown = Listener::new(
            document().into(),
            "visibilitychange",
            Box::new(move |_| {
                if !document().hidden() {
                    on_day.emit(today());
                }
            }),
        );
        DayWatch {
            _shown: shown,
            _tick: tick,
            timer,
        }
    }

    /// Runs `tick` at the next local midnight; returns the timer's handle. A
    /// timer that fires a moment early finds the same day and sets itself again.
    fn at_next_midnight(tick: &OnceCell<Closure<dyn Fn()>>) -> i32 {
        let now = js_sys::Date::new_0();
        let midnight = js_sys::Date::new_with_year_month_day(
            now.get_full_year(),
            now.get_month() as i32,
            now.get_date() as i32 + 1,
        );
        let wait = (midnight.get_time() - now.get_time()) as i32;
        tick.get()
            .and_then(|tick| {
                window()
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        tick.as_ref().unchecked_ref(),
                        wait,
                    )
                    .ok()
            })
            .unwrap_or_default()
    }

    /// The page-shown listener and the midnight timer of [`on_new_day`],
    /// both stopped when dropped.
    pub struct DayWatch {
        _shown: Listener,
        _tick: Rc<OnceCell<Closure<dyn Fn()>>>,
        timer: Rc<Cell<i32>>,
    }

    impl DayWatch {
        /// Stops watching.
        pub fn stop(self) {}
    }

    impl Drop for DayWatch {
        fn drop(&mut self) {
            window().clear_timeout_with_handle(self.timer.get());
        }
    }

    /// Whether a new version of the app is installed and waiting: set by
    /// `register-sw.js`, which registers the service worker.
    pub fn update_ready() -> bool {
        js_sys::Reflect::get(&window(), &"ehcUpdateReady".into())
            .is_ok_and(|ready| ready.is_truthy())
    }

    /// Calls back when a new version of the app is installed and waiting.
    pub fn on_update_ready(on_ready: Callback<()>) -> Listener {
        on_window_event("ehc-update-ready", on_ready)
    }

    /// Calls back with the key another tab (or window) of this site wrote in
    /// localStorage; `None` when it cleared the whole storage.
    pub fn on_storage_change(on_key: Callback<Option<String>>) -> Listener {
        Listener::new(
            window().into(),
            "storage",
            Box::new(move |event| {
                let key = js_sys::Reflect::get(&event, &"key".into()).ok();
                on_key.emit(key.and_then(|key| key.as_string()))
            }),
        )
    }

    /// The tabs of this app, told of each write to the store of records:
    /// IndexedDB has no `storage` event. A browser without BroadcastChannel
    /// has a channel that says nothing.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Channel(Option<web_sys::BroadcastChannel>);

    impl Channel {
        /// The channel `name`, shared by every tab of the site.
        pub fn new(name: &str) -> Channel {
            Channel(web_sys::BroadcastChannel::new(name).ok())
        }

        /// Tells every other tab `message`.
        pub fn post(&self, message: &str) {
            if let Some(channel) = &self.0 {
                let _ = channel.post_message(&message.into());
            }
        }

        /// Calls back with each message another tab posts.
        pub fn listen(&self, on_message: Callback<String>) -> Option<Listener> {
            let channel = self.0.clone()?;
            Some(Listener::new(
                channel.into(),
                "message",
                Box::new(move |event| {
                    let data = js_sys::Reflect::get(&event, &"data".into()).ok();
                    if let Some(text) = data.and_then(|data| data.as_string()) {
                        on_message.emit(text);
                    }
                }),
            ))
        }
    }

    /// The event a case file export sends, for the backup reminder.
    const EXPORTED: &str = "ehc-exported";

    /// Tells the app a case file was exported (see [`on_exported`]).
    pub fn announce_export() {
        announce(EXPORTED);
    }

    /// Sends the window the event `name`.
    fn announce(name: &str) {
        if let Ok(event) = web_sys::Event::new(name) {
            let _ = window().dispatch_event(&event);
        }
    }

    /// Calls back after each case file export.
    pub fn on_exported(on_export: Callback<()>) -> Listener {
        on_window_event(EXPORTED, on_export)
    }

    /// The event an export of all cases sends, besides [`EXPORTED`].
    const EXPORTED_ALL: &str = "ehc-exported-all";

    /// Tells the app all cases were exported (see [`on_exported_all`]).
    pub fn announce_export_all() {
        announce(EXPORTED_ALL);
    }

    /// Calls back after each export of all cases.
    pub fn on_exported_all(on_export: Callback<()>) -> Listener {
        on_window_event(EXPORTED_ALL, on_export)
    }

    /// Calls back each time the window gets the event `name`.
    fn on_window_event(name: &'static str, on_event: Callback<()>) -> Listener {
        Listener::new(window().into(), name, Box::new(move |_| on_event.emit(())))
    }

    /// Asks the browser to keep the app's storage for good
    /// (`navigator.storage.persist()`), unless it already does; calls back
    /// with its answer. A browser without the API never calls back.
    pub fn ask_persistent_storage(answer: Callback<bool>) {
        wasm_bindgen_futures::spawn_local(async move {
            let Some(persisted) = storage_manager("persisted") else {
                return;
            };
            let granted = match persisted.await {
                Ok(value) if value.is_truthy() => true,
                _ => match storage_manager("persist") {
                    Some(persist) => persist.await.is_ok_and(|value| value.is_truthy()),
                    None => return,
                },
            };
            answer.emit(granted);
        });
    }

    /// Calls back with what the app's storage uses and what the browser
    /// allows it, in bytes (`navigator.storage.estimate()`). A browser
    /// without the API never calls back.
    pub fn storage_estimate(answer: Callback<(f64, f64)>) {
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(estimate) = estimate().await {
                answer.emit(estimate);
            }
        });
    }

    /// What the app's storage uses and what the browser allows it, in
    /// bytes, if the browser says.
    pub async fn estimate() -> Option<(f64, f64)> {
        let estimate = storage_manager("estimate")?.await.ok()?;
        let field = |name: &str| {
            js_sys::Reflect::get(&estimate, &name.into())
                .ok()
                .and_then(|value| value.as_f64())
        };
        Some((field("usage")?, field("quota")?))
    }

    /// The promise of `navigator.storage[name]()`, if the browser has it.
    fn storage_manager(name: &str) -> Option<wasm_bindgen_futures::JsFuture> {
        use js_sys::{Function, Promise, Reflect};
        let manager = Reflect::get(&window(), &"navigator".into())
            .and_then(|navigator| Reflect::get(&navigator, &"storage".into()))
            .ok()
            .filter(|manager| manager.is_object())?;
        let method = Reflect::get(&manager, &name.into()).ok()?;
        let promise = method.dyn_ref::<Function>()?.call0(&manager).ok()?;
        Some(promise.dyn_into::<Promise>().ok()?.into())
    }

    /// Lets the waiting version take over; the page then reloads once.
    pub fn apply_update() {
        if let Ok(update) = js_sys::Reflect::get(&window(), &"ehcUpdate".into())
            && let Some(update) = update.dyn_ref::<js_sys::Function>()
        {
            let _ = update.call0(&wasm_bindgen::JsValue::NULL);
        }
    }

    /// Loads the page again at `hash`: the app starts afresh from storage.
    pub fn reload_at(hash: &str) {
        set_hash(hash);
        let _ = window().location().reload();
    }

    /// Shows `html` as the whole page, where the app could not start.
    pub fn show_in_body(html: &str) {
        if let Some(body) = document().body() {
            body.set_inner_html(html);
        }
    }

    /// Sets the page title.
    pub fn set_title(title: &str) {
        document().set_title(title);
    }

    /// Once the first screen is usable: the "ehc-ready" event, on which the
    /// service worker is registered (assets/register-sw.js), and the mark of
    /// that name on the page's performance timeline, which the benchmarks
    /// measure to.
    pub fn mark_ready() {
        if let Some(performance) = window().performance() {
            let _ = performance.mark("ehc-ready");
        }
        if let Ok(ready) = web_sys::Event::new("ehc-ready") {
            let _ = window().dispatch_event(&ready);
        }
    }

    #[wasm_bindgen::prelude::wasm_bindgen]
    extern "C" {
        /// Loads a part's module once (assets/load-parts.js).
        #[wasm_bindgen(js_name = ehcPart, catch)]
        fn load_part(name: &str) -> Result<js_sys::Promise, wasm_bindgen::JsValue>;

        /// A part's module (src/bin/part-*.rs, see [`crate::parts`]), loaded.
        pub type Part;

        #[wasm_bindgen(method, catch)]
        fn show(
            this: &Part,
            host: &web_sys::Element,
            hash: &str,
            cases: &str,
            focus: bool,
            writable: bool,
            lock: &wasm_bindgen::JsValue,
            on_import: &js_sys::Function,
            on_lock: &js_sys::Function,
        ) -> Result<JsShown, wasm_bindgen::JsValue>;

        type JsShown;

        #[wasm_bindgen(method)]
        fn close(this: &JsShown);

        /// The `pools` part's records, opened (see `crate::pools::db::Handed`).
        #[wasm_bindgen(method, catch, js_name = poolRecords)]
        fn pool_records_js(
            this: &Part,
            lock: &wasm_bindgen::JsValue,
        ) -> Result<js_sys::Promise, wasm_bindgen::JsValue>;

        /// The part `locked`'s storage, opened (see `crate::store_part`).
        #[wasm_bindgen(method, catch, js_name = open)]
        fn open_js(this: &Part) -> Result<js_sys::Promise, wasm_bindgen::JsValue>;

        /// The part `lock`'s Unlock page, until the cases are unlocked.
        #[wasm_bindgen(method, catch, js_name = unlock)]
        fn unlock_js(
            this: &Part,
            host: &web_sys::Element,
            locked: &wasm_bindgen::JsValue,
        ) -> Result<js_sys::Promise, wasm_bindgen::JsValue>;
    }

    /// What a part's promise `asked` resolves to, or why not in words
    /// (`silent` where it gives none).
    pub async fn answer(
        asked: Result<js_sys::Promise, wasm_bindgen::JsValue>,
        silent: &str,
    ) -> Result<wasm_bindgen::JsValue, String> {
        match asked.map(wasm_bindgen_futures::JsFuture::from) {
            Ok(answer) => answer.await,
            Err(error) => Err(error),
        }
        .map_err(|reason| reason.as_string().unwrap_or_else(|| silent.to_owned()))
    }

    /// A new element at the end of the page, for a part to show a page in
    /// before the app starts.
    pub fn new_host() -> Result<web_sys::Element, String> {
        let host = document().create_element("div").ok();
        let body = document().body();
        match (host, body) {
            (Some(host), Some(body)) if body.append_child(&host).is_ok() => Ok(host),
            _ => Err("the page has no place to show it".to_owned()),
        }
    }

    /// The module of the part `name`, fetched the first time (then kept by
    /// the service worker) and compiled once.
    pub async fn part(name: &str) -> Result<Part, String> {
        let loading =
            load_part(name).map_err(|_| "the page that loads it is missing".to_owned())?;
        wasm_bindgen_futures::JsFuture::from(loading)
            .await
            .map(JsCast::unchecked_into)
            .map_err(|_| "it could not be fetched".to_owned())
    }

    /// A page of a part, shown until dropped.
    pub struct ShownPage {
        page: JsShown,
        _on_import: Closure<dyn Fn(String)>,
        _on_lock: Closure<dyn Fn(wasm_bindgen::JsValue) -> js_sys::Promise>,
    }

    impl Part {
        /// What the `pools` part's `poolRecords` gives for the lock's key
        /// `lock`, or why it could not.
        pub async fn pool_records(
            &self,
            lock: &wasm_bindgen::JsValue,
        ) -> Result<wasm_bindgen::JsValue, String> {
            answer(self.pool_records_js(lock), "the pools' page did not answer").await
        }

        /// What the part `locked`'s `open` answers (see
        /// `crate::store_part::open`).
        pub async fn open_store(&self) -> Result<wasm_bindgen::JsValue, String> {
            answer(self.open_js(), "the part that opens them did not answer").await
        }

        /// What the part `lock`'s Unlock page, in `host`, answers once the
        /// cases of the store the part `locked` keeps are unlocked
        /// (`locked`, as that part's `open` answered).
        pub async fn unlock(
            &self,
            host: &web_sys::Element,
            locked: &wasm_bindgen::JsValue,
        ) -> Result<wasm_bindgen::JsValue, String> {
            answer(
                self.unlock_js(host, locked),
                "the Unlock page did not answer",
            )
            .await
        }

        /// Shows the page `hash` names in `host`, from the case file
        /// `cases` and what `main` gives. `focus`: move focus to its
        /// heading, as after moving to any page.
        pub fn show_page(
            &self,
            host: &web_sys::Element,
            hash: &str,
            cases: &str,
            focus: bool,
            main: FromMain,
        ) -> Result<ShownPage, String> {
            let FromMain {
                writable,
                lock,
                on_import,
                on_lock,
            } = main;
            let on_import =
                Closure::wrap(Box::new(move |text| on_import.emit(text)) as Box<dyn Fn(String)>);
            // A change of the lock answers the part with a promise.
            let on_lock = Closure::wrap(Box::new(move |key: wasm_bindgen::JsValue| {
                let mut key = Some(key);
                js_sys::Promise::new(&mut |resolve, reject| {
                    let done = Callback::from(move |done: Result<(), String>| {
                        let _ = match done {
                            Ok(()) => resolve.call0(&wasm_bindgen::JsValue::NULL),
                            Err(reason) => {
                                reject.call1(&wasm_bindgen::JsValue::NULL, &reason.into())
                            }
                        };
                    });
                    on_lock.emit((key.take().unwrap_or_default(), done));
                })
            })
                as Box<dyn Fn(wasm_bindgen::JsValue) -> js_sys::Promise>);
            let page = self
                .show(
                    host,
                    hash,
                    cases,
                    focus,
                    writable,
                    &lock,
                    on_import.as_ref().unchecked_ref(),
                    on_lock.as_ref().unchecked_ref(),
                )
                .map_err(|error| format!("{error:?}"))?;
            Ok(ShownPage {
                page,
                _on_import: on_import,
                _on_lock: on_lock,
            })
        }
    }

    impl Drop for ShownPage {
        fn drop(&mut self) {
            self.page.close();
        }
    }

    /// Opens the browser's print dialogue (where "Save as PDF" is too).
    pub fn print() {
        let _ = window().print();
    }

    /// Moves focus to the element with this id, if there is one.
    pub fn focus(id: &str) {
        if let Some(element) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    }

    /// Moves focus to the page's main heading, after moving to another page,
    /// and scrolls to the top.
    pub fn focus_main_heading() {
        window().scroll_to_with_x_and_y(0.0, 0.0);
        if let Some(heading) = document()
            .query_selector("main h1")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = heading.focus();
        }
    }

    /// Offers `text` as a download named `file_name` of type `mime`, through
    /// a Blob and an `<a download>`: nothing leaves the device.
    pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
        save(file_name, &js_sys::JsString::from(text), mime)
    }

    /// Offers `bytes` as a file to save, as [`download`] does.
    pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
        save(file_name, &js_sys::Uint8Array::from(bytes), mime)
    }

    /// Opens `bytes` of type `mime` in a new tab, where the browser shows
    /// what it can (PDFs, images) and offers to save the rest.
    pub fn open_bytes(mime: &str, bytes: &[u8]) -> Result<(), String> {
        let url = blob_url(&js_sys::Uint8Array::from(bytes), mime)?;
        // The tab needs the address while it loads: it is let go with the page.
        match window().open_with_url_and_target(&url, "_blank") {
            Ok(Some(_)) => Ok(()),
            _ => Err("the browser did not open a new tab (it may block pop-ups)".to_owned()),
        }
    }

    /// An address of the one-part blob `part` of type `mime`.
    fn blob_url(part: &wasm_bindgen::JsValue, mime: &str) -> Result<String, String> {
        let fail = |e: wasm_bindgen::JsValue| format!("{e:?}");
        let options = BlobPropertyBag::new();
        options.set_type(mime);
        let blob = Blob::new_with_blob_sequence_and_options(&js_sys::Array::of1(part), &options)
            .map_err(fail)?;
        Url::create_object_url_with_blob(&blob).map_err(fail)
    }

    fn save(file_name: &str, part: &wasm_bindgen::JsValue, mime: &str) -> Result<(), String> {
        let fail = |e: wasm_bindgen::JsValue| format!("{e:?}");
        let url = blob_url(part, mime)?;
        let link: HtmlAnchorElement = document()
            .create_element("a")
            .map_err(fail)?
            .unchecked_into();
        link.set_href(&url);
        link.set_download(file_name);
        let body = document().body().ok_or("the page has no body")?;
        body.append_child(&link).map_err(fail)?;
        link.click();
        link.remove();
        let _ = Url::revoke_object_url(&url);
        Ok(())
    }

    /// Reads the file chosen in the file input that fired `event`, and calls
    /// back with its bytes as they are, or why it could not be read: the
    /// engine's reader judges the encoding (`Blob.text()` would put U+FFFD in
    /// place of bytes that are not UTF-8, and the file would import altered).
    pub fn read_chosen_file(event: &web_sys::Event, done: Callback<Result<Vec<u8>, String>>) {
        let Some(file) = chosen_files(event).into_iter().next() else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move { done.emit(file_bytes(&file).await) });
    }

    /// The files dropped by the drag that fired `event`, in its order.
    pub fn dropped_files(event: &web_sys::DragEvent) -> Vec<web_sys::File> {
        let Some(files) = event.data_transfer().and_then(|data| data.files()) else {
            return Vec::new();
        };
        (0..files.length()).filter_map(|n| files.get(n)).collect()
    }

    /// The files chosen in the file input that fired `event`, in its order.
    pub fn chosen_files(event: &web_sys::Event) -> Vec<web_sys::File> {
        let files = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .and_then(|input| input.files());
        let Some(files) = files else {
            return Vec::new();
        };
        (0..files.length()).filter_map(|n| files.get(n)).collect()
    }

    /// The bytes of `file` as they are (see [`read_chosen_file`]).
    pub async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
        match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => Ok(js_sys::Uint8Array::new(&buffer).to_vec()),
            Err(_) => Err("the file could not be read".to_owned()),
        }
    }

    /// Lets the browser draw what changed (a progress message) before a
    /// long task that holds the page.
    pub async fn drawn() {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    /// Held while this tab alone runs a task that the app's other tabs must
    /// not run at the same moment (the Web Locks API); let go when dropped.
    pub struct Exclusive(js_sys::Function);

    impl Drop for Exclusive {
        fn drop(&mut self) {
            let _ = self.0.call0(&wasm_bindgen::JsValue::NULL);
        }
    }

    /// Waits until no other tab of the app holds `name`, then holds it.
    /// `None` where the browser has no Web Locks or refuses one: the task
    /// then runs as it would without.
    pub async fn exclusive(name: &str) -> Option<Exclusive> {
        use js_sys::{Function, Promise, Reflect};
        use wasm_bindgen::JsValue;
        let locks = Reflect::get(&window(), &"navigator".into())
            .and_then(|navigator| Reflect::get(&navigator, &"locks".into()))
            .ok()
            .filter(|locks| locks.is_object())?;
        let request = Reflect::get(&locks, &"request".into()).ok()?;
        let request = request.dyn_ref::<Function>()?;
        let mut asked = None;
        // Settles with the function that lets the lock go, once granted.
        let granted = Promise::new(&mut |granted, _| {
            // While the lock is held, the browser waits for the promise
            // this returns, which only the function handed out settles.
            let hold = Closure::once_into_js(move |_lock: JsValue| {
                Promise::new(&mut |release, _| {
                    let _ = granted.call1(&JsValue::NULL, &release);
                })
            });
            asked = request.call2(&locks, &name.into(), &hold).ok();
        });
        // The request's own promise fails at once if the browser refuses.
        let either = Promise::race(&js_sys::Array::of2(&granted, &asked?));
        let release = wasm_bindgen_futures::JsFuture::from(either).await.ok()?;
        Some(Exclusive(release.dyn_into().ok()?))
    }

    /// Milliseconds since the page's clock began: for how long a task has
    /// run, never for a date.
    pub fn elapsed_ms() -> f64 {
        window()
            .performance()
            .map_or(0.0, |performance| performance.now())
    }

    /// The browser's localStorage, through gloo-storage. Each `set` is one
    /// `setItem`, which the browser applies whole or not at all.
    pub struct LocalStore;

    impl Backend for LocalStore {
        fn get(&self, key: &str) -> Result<Option<String>, String> {
            use gloo_storage::{LocalStorage, Storage};
            LocalStorage::raw()
                .get_item(key)
                .map_err(|e| format!("the browser refused to read its storage ({e:?})"))
        }

        fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
            use gloo_storage::{LocalStorage, Storage};
            LocalStorage::raw().set_item(key, value).map_err(|e| {
                let name = js_sys::Reflect::get(&e, &"name".into())
                    .ok()
                    .and_then(|name| name.as_string())
                    .unwrap_or_default();
                if name == "QuotaExceededError" {
                    crate::storage::FULL.to_owned()
                } else {
                    format!("the browser refused to store it ({e:?})")
                }
            })
        }

        fn remove(&mut self, key: &str) -> Result<(), String> {
            use gloo_storage::{LocalStorage, Storage};
            LocalStorage::raw()
                .remove_item(key)
                .map_err(|e| crate::storage::idb::reason(&e))
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    //! Stand-ins outside the browser: nothing to focus, download or listen to.

    use std::sync::atomic::{AtomicU32, Ordering};

    use yew::Callback;

    use crate::parts::FromMain;

    /// Today by the system's clock, in UTC: natively only tests ask (for
    /// the day a record's summary is worked out on).
    pub fn today() -> chrono::NaiveDate {
        let since = std::time::UNIX_EPOCH
            .elapsed()
            .expect("the clock is after 1970");
        let seconds = i64::try_from(since.as_secs()).expect("a date before the year 10000");
        chrono::DateTime::from_timestamp(seconds, 0)
            .expect("a date before the year 10000")
            .date_naive()
    }

    /// A different number each call (a counter, natively).
    pub fn random_u32() -> u32 {
        static NEXT: AtomicU32 = AtomicU32::new(1);
        NEXT.fetch_add(1, Ordering::Relaxed)
    }

    pub fn hash() -> String {
        String::new()
    }

    pub fn set_hash(_hash: &str) {}

    pub fn reload_at(_hash: &str) {}

    pub struct Listener;

    impl Listener {
        pub fn stop(self) {}
    }

    pub fn on_hash_change(_on_change: Callback<String>) -> Listener {
        Listener
    }

    pub fn on_new_day(_on_day: Callback<chrono::NaiveDate>) -> Listener {
        Listener
    }

    pub fn update_ready() -> bool {
        false
    }

    pub fn on_update_ready(_on_ready: Callback<()>) -> Listener {
        Listener
    }

    pub fn on_storage_change(_on_key: Callback<Option<String>>) -> Listener {
        Listener
    }

    /// No other tabs outside the browser.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Channel;

    impl Channel {
        pub fn new(_name: &str) -> Channel {
            Channel
        }

        pub fn post(&self, _message: &str) {}

        pub fn listen(&self, _on_message: Callback<String>) -> Option<Listener> {
            None
        }
    }

    pub fn announce_export() {}

    pub fn on_exported(_on_export: Callback<()>) -> Listener {
        Listener
    }

    pub fn announce_export_all() {}

    pub fn on_exported_all(_on_export: Callback<()>) -> Listener {
        Listener
    }

    pub fn ask_persistent_storage(_answer: Callback<bool>) {}

    pub fn storage_estimate(_answer: Callback<(f64, f64)>) {}

    pub fn apply_update() {}

    pub fn show_in_body(_html: &str) {}

    pub fn set_title(_title: &str) {}

    pub fn mark_ready() {}

    pub fn print() {}

    pub struct Part;

    impl Part {
        pub async fn open_store(&self) -> Result<wasm_bindgen::JsValue, String> {
            Err("the module needs a browser".to_owned())
        }

        pub async fn unlock(
            &self,
            _host: &web_sys::Element,
            _locked: &wasm_bindgen::JsValue,
        ) -> Result<wasm_bindgen::JsValue, String> {
            Err("the module needs a browser".to_owned())
        }
    }

    pub fn new_host() -> Result<web_sys::Element, String> {
        Err("the module needs a browser".to_owned())
    }

    pub struct ShownPage;

    pub async fn part(_name: &str) -> Result<Part, String> {
        Err("the module needs a browser".to_owned())
    }

    impl Part {
        pub fn show_page(
            &self,
            _host: &web_sys::Element,
            _hash: &str,
            _cases: &str,
            _focus: bool,
            _main: FromMain,
        ) -> Result<ShownPage, String> {
            Ok(ShownPage)
        }
    }

    pub fn focus(_id: &str) {}

    pub fn focus_main_heading() {}

    pub fn download(_file_name: &str, _mime: &str, _text: &str) -> Result<(), String> {
        Err("downloads need a browser".to_owned())
    }

    pub fn download_bytes(_file_name: &str, _mime: &str, _bytes: &[u8]) -> Result<(), String> {
        Err("downloads need a browser".to_owned())
    }

    pub fn open_bytes(_mime: &str, _bytes: &[u8]) -> Result<(), String> {
        Err("opening a file needs a browser".to_owned())
    }

    pub async fn estimate() -> Option<(f64, f64)> {
        None
    }

    pub fn dropped_files(_event: &web_sys::DragEvent) -> Vec<web_sys::File> {
        Vec::new()
    }

    pub fn read_chosen_file(_event: &web_sys::Event, _done: Callback<Result<Vec<u8>, String>>) {}

    pub fn chosen_files(_event: &web_sys::Event) -> Vec<web_sys::File> {
        Vec::new()
    }

    pub async fn file_bytes(_file: &web_sys::File) -> Result<Vec<u8>, String> {
        Err("files need a browser".to_owned())
    }

    pub fn elapsed_ms() -> f64 {
        0.0
    }

    pub async fn drawn() {}

    /// No other tabs outside the browser: nothing to wait for.
    pub struct Exclusive;

    pub async fn exclusive(_name: &str) -> Option<Exclusive> {
        Some(Exclusive)
    }
}
