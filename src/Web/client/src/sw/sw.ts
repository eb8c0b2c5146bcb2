// The offline shell: the page and its fingerprinted assets come from the cache when the network
// does not answer, so a reload while offline still opens the editor with the edits kept in
// IndexedDB. The API and the socket are never cached.
declare const ASSETS: string[];
declare const VERSION: string;

const sw = globalThis as unknown as ServiceWorkerGlobalScope;
const CACHE = `akkacollab-shell-${VERSION}`;

sw.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(['/', ...ASSETS])).then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await sw.clients.claim();
  })());
});

sw.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== sw.location.origin) return;
  if (event.request.mode === 'navigate') {
    // Network first: a fresh index.html names the newest assets; the cached one when offline.
    event.respondWith((async () => {
      try {
        const fresh = await fetch(event.request);
        if (fresh.ok && url.pathname === '/') await (await caches.open(CACHE)).put('/', fresh.clone());
        return fresh;
      } catch {
        return (await caches.match('/')) ?? Response.error();
      }
    })());
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith((async () => (await caches.match(event.request)) ?? fetch(event.request))());
  }
});

export {};
