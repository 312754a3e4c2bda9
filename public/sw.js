// The app's service worker: keeps the exact files of this build so the app starts and works with the network off,
// and hands over to a newer build only when the page asks (after the user agreed to update).
//
// `BUILD` is written by the post-build hook (scripts/post-build.mjs): this build's version and every file it
// serves, with Trunk's hashed names, never a hand-kept list. Left `null` (a file not built by Trunk), the worker
// caches nothing and passes every request through.
const BUILD = /* build */ null;
const PREFIX = 'care-planner-';
const CACHE = BUILD ? PREFIX + BUILD.version : null;

self.addEventListener('install', (event) => {
  if (!CACHE) return;
  // From the server, never from the browser's HTTP cache: the files of this build and no older copy. The page is
  // asked for as a visit asks for it (`/`); a response that followed a redirect (a host sending `/index.html` to
  // `/`) is kept as a plain copy, since a redirected response cannot answer a navigation.
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const path of BUILD.files) {
        let response = await fetch(new Request(path === '/index.html' ? '/' : path, { cache: 'reload' }));
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        if (response.redirected) {
          response = new Response(await response.blob(), { status: response.status, headers: response.headers });
        }
        await cache.put(path, response);
      }
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      // The first visit's page is served by this worker from now on, so it reloads offline.
      await self.clients.claim();
    })(),
  );
});

// A waiting worker takes over only when the page says the user agreed.
self.addEventListener('message', (event) => {
  if (event.data === 'update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (!CACHE || request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Every address of the single-page app is its one page.
      const cached = await cache.match(request.mode === 'navigate' ? '/index.html' : url.pathname);
      return cached ?? fetch(request);
    })(),
  );
});
