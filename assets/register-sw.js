// Registers the service worker, and tells the app when a new version is
// waiting: the app shows a banner, and only the user's click (window.ehcUpdate)
// lets the new version take over, then the page reloads once.
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
    .catch((error) => console.warn('EHC Timeline will not work offline:', error));
}
