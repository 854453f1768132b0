// Offline after one visit: register the site's service worker (sw.js at the site root, scope the
// site's own folder) and ask it to keep what this page loaded before it was in control, plus the
// checker runtime on a checker page. Not on `mkdocs serve` (its live-reload script is on the page),
// where any earlier registration is removed, so a developer never sees a stale cached page.
//
// Sets data-zb-offline="saved" on <html> once this page and its files are kept (tests wait for it);
// on a checker page that is after its runtime is ready.

const root = new URL("../../", import.meta.url);
const container = navigator.serviceWorker;

function devServer() {
  return document.querySelector('script[src$="livereload.js"]') !== null;
}

// Same-origin files this page loaded (HTML, CSS, scripts, images, search index) under the site.
function loadedURLs() {
  const urls = [location.href.split("#")[0]];
  for (const entry of performance.getEntriesByType("resource")) {
    // not sw.js, which offline-notice.mjs asks the server for and the worker never keeps
    if (entry.name.startsWith(root.href) && !entry.name.split("?")[0].endsWith("/sw.js")) urls.push(entry.name);
  }
  return urls;
}

// The search index and the search worker's script: the theme loads them only when the reader
// searches (macros/theme/search_on_demand.py), so they are asked for here, for search to work offline
// too; the service worker fetches them once.
function searchURLs() {
  const config = document.getElementById("__config");
  if (!document.forms.namedItem("search") || !config) return [];
  return [new URL("search/search_index.json", root).href, new URL(JSON.parse(config.textContent).search, location.href).href];
}

function keep(worker) {
  const channel = new MessageChannel();
  channel.port1.onmessage = (event) => {
    if (event.data && event.data.done) document.documentElement.dataset.zbOffline = event.data.failed ? "partial" : "saved";
  };
  worker.postMessage(
    {
      type: "ZHIBU_CACHE",
      urls: loadedURLs(),
      once: searchURLs(),
      runtime: document.querySelector(".zbc-checker") !== null,
    },
    [channel.port2]
  );
}

// On a checker page, once its runtime is ready (or has failed; the widget says so): storing the
// runtime's files while it starts competed with it for the CPU (bench/checker_load.py, cold first
// verdict ×1.37 → ×1.20 the floor). A minute at most, should the widget's script never run.
function whenRuntimeSettled(fn) {
  if (!document.querySelector(".zbc-checker") || window.__zhibuRuntimeSettled) return fn();
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  document.addEventListener("zbc-runtime-settled", once, { once: true });
  setTimeout(once, 60000);
}

async function start() {
  if (devServer()) {
    for (const registration of await container.getRegistrations()) await registration.unregister();
    return;
  }
  const registration = await container.register(new URL("sw.js", root), { scope: root.href });
  const ready = await container.ready;
  if (registration.scope !== ready.scope) return;
  keep(ready.active);
}

if (container && location.protocol !== "file:") {
  const go = () => start().catch((err) => console.warn("[offline] service worker not registered:", err));
  const afterLoad = () => whenRuntimeSettled(go);
  if (document.readyState === "complete") afterLoad();
  else addEventListener("load", afterLoad, { once: true });
}
