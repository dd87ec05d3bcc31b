// The phone page's service worker (issue 12): the page, its assets and its icon are kept on the
// phone, so the page opens in a field with no signal. The page itself keeps the team's list
// (localStorage) and the outbox (IndexedDB); API calls are never cached. Plain JavaScript: it is
// served as it is, at the root of the field server so that it controls the whole page.
const CACHE = 'draindesk-field';
const SHELL = ['./', './field.webmanifest', './icon.png'];

/** The asset files a page's HTML refers to (hashed names from the build). */
function assetsOf(html) {
  return [...new Set([...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"?#]+)"/g)].map((m) => `./${m[1]}`))];
}

/** Cache the page and exactly the assets it needs; drop assets of older builds. */
async function refreshShell(cache, response) {
  const html = await response.clone().text();
  const wanted = assetsOf(html);
  await cache.put('./', response);
  const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  const scope = new URL(self.registration.scope).pathname;
  await Promise.all(
    wanted.filter((a) => !have.has(scope + a.slice(2))).map((a) => cache.add(a)),
  );
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith(`${scope}assets/`) && !wanted.includes(`./${path.slice(scope.length)}`)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch('./', { cache: 'no-store' });
      if (page.ok) await refreshShell(cache, page);
      await cache.addAll(SHELL.slice(1));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.includes('/api/')) return;
  const scope = new URL(self.registration.scope).pathname;
  if (request.mode === 'navigate' || url.pathname === scope) {
    // The page: the network's copy when there is signal (and a fresh cache), else the kept one.
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        try {
          const fresh = await fetch(request, { cache: 'no-store' });
          if (fresh.ok) event.waitUntil(refreshShell(cache, fresh.clone()));
          return fresh;
        } catch {
          return (await cache.match('./')) ?? Response.error();
        }
      })(),
    );
    return;
  }
  // Assets have hashed names: the kept copy is always right.
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const kept = await cache.match(request);
      if (kept) return kept;
      const fresh = await fetch(request);
      if (fresh.ok && url.pathname.startsWith(`${scope}assets/`)) await cache.put(request, fresh.clone());
      return fresh;
    })(),
  );
});
