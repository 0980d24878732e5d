// The player's service worker: keeps the player's own files so that the page opens, and the video
// plays, with no network at all (a phone in a village without signal, or a reload while offline).
// Files are answered from the cache and refreshed from the network in the background
// (stale-while-revalidate). Nothing else passes through here: the collector's POSTs, and the
// launch link, go to the network as usual.

const CACHE = 'learntrace-course-player-v1';
const SHELL = [
  'index.html',
  'player.css',
  'catalog.json',
  'media/m3-intro.webm',
  'js/player.js',
  'js/learntrace-client.js',
  'js/offline-queue.js',
  'js/xapi-statements.js',
  'js/video-tracker.js',
  'js/quiz-view.js',
  'js/text.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== CACHE && name.startsWith('learntrace-course-player-')) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

/** A 206 answer to `range` ("bytes=a-b") cut from a whole cached response, as media elements ask. */
async function partial(response, range) {
  const blob = await response.blob();
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!m || (m[1] === '' && m[2] === '')) return new Response(null, { status: 416 });
  let start;
  let end;
  if (m[1] === '') {
    start = Math.max(0, blob.size - Number(m[2]));
    end = blob.size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? blob.size - 1 : Math.min(Number(m[2]), blob.size - 1);
  }
  if (start >= blob.size || end < start) {
    return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${blob.size}` } });
  }
  return new Response(blob.slice(start, end + 1), {
    status: 206,
    headers: {
      'Content-Type': response.headers.get('Content-Type') ?? 'application/octet-stream',
      'Content-Range': `bytes ${start}-${end}/${blob.size}`,
      'Content-Length': String(end - start + 1),
    },
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (request.method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)
      || url.pathname.endsWith('/launch')) {
    return;
  }
  const path = url.pathname.slice(scope.pathname.length) || 'index.html';
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(path, { ignoreSearch: true });
    const range = request.headers.get('Range');
    if (!range) {
      // Refresh in the background; a failure (offline) keeps the cached copy.
      const refresh = fetch(request).then((fresh) => {
        if (fresh.ok && fresh.status === 200) cache.put(path, fresh.clone());
        return fresh;
      });
      event.waitUntil(refresh.catch(() => undefined));
      if (cached) return cached;
      return refresh;
    }
    if (cached) return partial(cached, range);
    return fetch(request);
  })());
});
