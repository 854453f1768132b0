// Pyodide memory snapshot kept in the browser (Cache Storage), so a repeat visit skips the
// interpreter start and the checker imports.
//
// The snapshot is made once per runtime version and checkers build, right after start-up and
// before any user input is processed (so no input is ever written to disk), and restored on the
// next visit. It holds the started interpreter with the checker of the page it was made on
// (imported during start-up, which that page's first check needed anyway; importing every checker
// first cost more on a first visit). Its key names both versions; an older snapshot is deleted
// when a new one is saved.
// It lives in its own cache ("zhibu-runtime-snapshot"), apart from the pages' offline cache and
// from any self-check records (IndexedDB / localStorage), which it never touches.

export const CACHE_NAME = "zhibu-runtime-snapshot";
const FORMAT = "2"; // 2: holds the checker imported on the page it was made on

// indexURL: the runtime folder (its version is in the path); zipURL: the checkers zip with ?v=
// (its folder too: the 繁體 edition shares the runtime but has its own, converted checkers);
// code: the worker's own ?v= (the start-up code that made the snapshot).
export function snapshotKey(indexURL, zipURL, code, stdlibURL) {
  const zip = new URL(zipURL);
  const checkers = zip.pathname + "?v=" + (zip.searchParams.get("v") || "none");
  // The standard library's hash: a snapshot never outlives the library it was taken with.
  const stdlib = stdlibURL ? new URL(stdlibURL).searchParams.get("v") || "none" : "none";
  const query = new URLSearchParams({ format: FORMAT, checkers, stdlib, code: code || "none" });
  return new URL(`zhibu-snapshot.bin?${query}`, indexURL).href;
}

function available() {
  return typeof caches !== "undefined";
}

// The stored snapshot, or null (none stored, storage unavailable or refused). Resolves as soon as
// the cache says whether there is one: {bytes} is a promise of its bytes, read while the runtime
// is already downloading.
export async function findSnapshot(key) {
  if (!available()) return null;
  try {
    const cache = await caches.open(CACHE_NAME);
    const response = await cache.match(key);
    return response ? { bytes: response.arrayBuffer().then((b) => new Uint8Array(b)) } : null;
  } catch {
    return null;
  }
}

// Store bytes under key and drop every other snapshot. Failures (quota, private mode) are ignored:
// the next visit then starts the ordinary way.
export async function saveSnapshot(key, bytes) {
  if (!available()) return false;
  try {
    const cache = await caches.open(CACHE_NAME);
    await cache.put(key, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
    for (const request of await cache.keys()) {
      if (request.url !== key) await cache.delete(request);
    }
    return true;
  } catch {
    return false;
  }
}

export async function dropSnapshot(key) {
  if (!available()) return;
  try {
    await (await caches.open(CACHE_NAME)).delete(key);
  } catch {
    /* nothing to drop */
  }
}
