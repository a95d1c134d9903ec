// Registers the service worker once the first screen is usable (the app's
// "ehc-ready" event), so that the worker's copying of the app does not compete
// with the first load on a slow connection; then asks it to keep the parts
// loaded on demand (src/parts.rs) too, so that every page works offline after
// one visit. Tells the app when a new version is waiting: the app shows a
// banner, and only the user's click (window.ehcUpdate) lets the new version
// take over, then the page reloads once.
if ('serviceWorker' in navigator) {
  let updating = false;
  const offer = (worker) => {
    window.ehcUpdate = () => {
      updating = true;
      worker.postMessage('skip-waiting');
    };
    window.ehcUpdateReady = true;
    window.dispatchEvent(new Event('ehc-update-ready'));
  };
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (updating) window.location.reload();
  });
  const register = () =>
    navigator.serviceWorker
      .register('./sw.js')
      .then((registration) => {
        if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
        registration.addEventListener('updatefound', () => {
          const worker = registration.installing;
          worker?.addEventListener('statechange', () => {
            if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
          });
        });
      })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => registration.active?.postMessage('keep-parts'))
      .catch((error) => console.warn('EHC Timeline will not work offline:', error));
  // The app's first render comes after this script has run (the app's
  // module follows it in the page).
  window.addEventListener('ehc-ready', register, { once: true });
}
