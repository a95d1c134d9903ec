// EHC Timeline's service worker. `VERSION` and `SHELL` (every file of one
// build) are written above this line at build time by build/service-worker.mjs.
//
// One cache per build: a new version is installed beside the old one and only
// takes over when the user chooses to reload, so a page never mixes files of
// two builds. Requests for other origins are never made or answered here.
const CACHE = `ehc-timeline-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith('ehc-timeline-') && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      ),
  );
});

// The page asks for this when the user chooses to use the new version.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Every page of the app is index.html: its routes live in the hash.
      const cached = request.mode === 'navigate'
        ? await cache.match('./index.html')
        : await cache.match(request, { ignoreSearch: true });
      return cached ?? fetch(request);
    })(),
  );
});
