// EHC Timeline's service worker. `VERSION`, `SHELL` (the files of one build
// that the first screen needs, and the parts `locked` and `lock`, which a
// locked store's first screen needs) and `LATER` (the parts loaded on demand,
// src/parts.rs, and the home-screen icons) are written above this line at build time by build/service-worker.mjs.
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

self.addEventListener('message', (event) => {
  // The page asks for this when the user chooses to use the new version.
  if (event.data === 'skip-waiting') self.skipWaiting();
  // And for this once its first screen is usable: the parts loaded on
  // demand are kept too, so that every page works offline after one visit.
  if (event.data === 'keep-parts') {
    event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(LATER)));
  }
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
