/* zhibu service worker: what a reader has opened keeps working offline.
 *
 * Generated at build time by macros/offline.py from macros/sw_template.js; CONFIG below is filled
 * in then. Uses Workbox (npm, pinned; its files are copied into the site, never loaded from a CDN).
 * Its scope is the folder it is served from: the site's own root or sub-path, nothing above it.
 *
 * - Pages, and files whose address does not change with their content: network first, always
 *   revalidated with the server (a new build is seen at once), the cached copy when the network is
 *   off or too slow.
 * - Files whose address changes with their content (?v=<hash>, the theme's hashed bundles) and the
 *   checker runtime (its version is in its path): from the cache, fetched once.
 * - The page asks (message ZHIBU_CACHE) to keep what it loaded before this worker controlled it,
 *   and, on a checker page, the whole checker runtime (CONFIG.runtime).
 * - Caches of an older build's runtime are deleted on activation; only caches named "zhibu-sw-…"
 *   are ever touched (not the interpreter snapshot, not any self-check records).
 */
/* global workbox */
const CONFIG = __CONFIG__;

importScripts(CONFIG.workbox + "workbox-sw.js");
workbox.setConfig({ modulePathPrefix: CONFIG.workbox, debug: false });

const { registerRoute, setCatchHandler } = workbox.routing;
const { NetworkFirst, CacheFirst } = workbox.strategies;
const { ExpirationPlugin } = workbox.expiration;
const { CacheableResponsePlugin } = workbox.cacheableResponse;

const PREFIX = "zhibu-sw-";
const CACHES = {
  pages: PREFIX + "pages",
  files: PREFIX + "files",
  versioned: PREFIX + "versioned",
  runtime: PREFIX + "runtime-" + CONFIG.runtimeVersion,
};
const SCOPE = new URL("./", self.location.href);
// The checker runtime's folder; the Traditional edition (zh-Hant/) uses the Simplified site's copy, one
// folder up on the same origin: its files are handled here too, for the pages this worker controls.
const RUNTIME = new URL(CONFIG.runtimeDir, SCOPE);
const ok = new CacheableResponsePlugin({ statuses: [200] });
// Network-first requests ask the server even when the browser's HTTP cache would answer alone: on a host
// that sends pages without "Cache-Control: no-cache" (the guide's setting) a new build is still seen at
// once, where the browser's heuristic freshness would keep the old page for minutes or hours. (Workbox's
// fetchOptions are not applied to navigations, hence a plugin.) A request that chose its cache mode, such
// as keepOne's "force-cache" for what the page already loaded, is left as it is.
const revalidate = {
  requestWillFetch: async ({ request }) => (request.cache === "default" ? new Request(request, { cache: "no-cache" }) : request),
};

function inScope(url) {
  if (url.origin !== SCOPE.origin) return false;
  return url.pathname.startsWith(SCOPE.pathname) || url.pathname.startsWith(RUNTIME.pathname);
}

function isPage(url, request) {
  return request.mode === "navigate" || url.pathname.endsWith("/") || url.pathname.endsWith(".html");
}

// Pages are stored without their query string: a checker page opened with its inputs in the URL
// is the same page.
const pageKey = {
  cacheKeyWillBeUsed: async ({ request }) => {
    const url = new URL(request.url);
    url.search = "";
    url.hash = "";
    return url.href;
  },
};

const ROUTES = [
  [
    ({ url, request }) => isPage(url, request),
    new NetworkFirst({
      cacheName: CACHES.pages,
      networkTimeoutSeconds: 6,
      plugins: [ok, revalidate, pageKey, new ExpirationPlugin({ maxEntries: 300 })],
    }),
  ],
  [
    ({ url }) => url.pathname.startsWith(RUNTIME.pathname),
    new CacheFirst({ cacheName: CACHES.runtime, plugins: [ok] }),
  ],
  [
    ({ url }) => url.searchParams.has("v") || /\.[0-9a-f]{8}\.min\.(js|css)$/.test(url.pathname),
    new CacheFirst({ cacheName: CACHES.versioned, plugins: [ok, new ExpirationPlugin({ maxEntries: 100 })] }),
  ],
  [
    ({ url }) => !url.pathname.endsWith("/sw.js"),
    new NetworkFirst({
      cacheName: CACHES.files,
      networkTimeoutSeconds: 6,
      plugins: [ok, revalidate, new ExpirationPlugin({ maxEntries: 400 })],
    }),
  ],
];

function strategyFor(url, request) {
  if (request.method !== "GET" || !inScope(url)) return null;
  const route = ROUTES.find(([match]) => match({ url, request }));
  return route ? route[1] : null;
}

registerRoute(({ url, request }) => strategyFor(url, request) !== null, {
  handle: (options) => strategyFor(options.url, options.request).handle(options),
});

// A page never opened before, with the network off: a short page that says so.
setCatchHandler(async ({ request }) => {
  if (request.mode !== "navigate") return Response.error();
  return new Response(CONFIG.offlinePage.replace("__HOME__", SCOPE.href), { headers: { "Content-Type": "text/html; charset=utf-8" } });
});

// {type: "ZHIBU_CACHE", urls: [...], once: [...], runtime: bool}: keep these (each through its route),
// and the checker runtime when asked; `once`: files the page did not load itself (the search index),
// fetched only if no cache holds them yet (the reader's own searches keep them current). Replies
// {done: true, failed: n} on the message's port once every file is written to the cache.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "ZHIBU_CACHE") return;
  const inside = (list) => (list || []).map((u) => new URL(u, SCOPE).href).filter((u) => inScope(new URL(u)));
  const urls = inside(data.urls);
  if (data.runtime) urls.push(...CONFIG.runtime.map((u) => new URL(u, SCOPE).href));
  // the page has just loaded these, so the browser's HTTP cache answers even from a server that
  // sends no caching headers
  const loaded = [...new Set(urls)].map((u) => keepOne(event, u, "force-cache"));
  const once = inside(data.once)
    .filter((u) => !urls.includes(u))
    .map(async (u) => (await caches.match(u)) || keepOne(event, u, "default"));
  const jobs = [...loaded, ...once];
  const all = Promise.allSettled(jobs).then((r) => r.filter((x) => x.status === "rejected").length);
  event.waitUntil(all);
  if (event.ports && event.ports[0]) all.then((failed) => event.ports[0].postMessage({ done: true, failed }));
});

// One file through the same strategy as a fetch from a controlled page. "Kept" must mean stored:
// wait for the cache write (handleAll's second promise), not only for the response, or a reader
// who goes offline at once finds files still being written.
async function keepOne(event, u, cache) {
  const request = new Request(u, { credentials: "same-origin", cache });
  const strategy = strategyFor(new URL(u), request);
  if (!strategy) throw new Error(u);
  const [responseDone, writesDone] = strategy.handleAll({ request, event });
  const response = await responseDone;
  await writesDone;
  if (!response || !response.ok) throw new Error(u);
}

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set(Object.values(CACHES));
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && !keep.has(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })()
  );
});
