// An in-memory stand-in for the browser's localStorage, for the store's tests under Node: it can
// refuse to exist (a private mode), or refuse to write (a full quota).

export class FakeStorage {
  constructor(entries = {}) {
    this.map = new Map(Object.entries(entries));
    this.full = false; // setItem throws as a browser over its quota does
    this.writes = 0;
  }

  getItem(key) {
    return this.map.has(key) ? this.map.get(key) : null;
  }

  setItem(key, value) {
    if (this.full) {
      const err = new Error("The quota has been exceeded.");
      err.name = "QuotaExceededError";
      throw err;
    }
    this.writes++;
    this.map.set(key, String(value));
  }

  removeItem(key) {
    this.map.delete(key);
  }
}

/** A `window` whose localStorage is `storage`, or throws on access (storage === null: a private mode that refuses it). */
export function fakeWindow(storage) {
  return {
    get localStorage() {
      if (storage === null) throw new Error("SecurityError: access to localStorage is denied");
      return storage;
    },
  };
}

let fresh = 0;

/**
 * A fresh copy of record-store.mjs (its in-memory fallback is module state) over this window. The
 * store reads `window.localStorage` on every call, so the window is set for the whole test file.
 */
export async function freshStore(win) {
  globalThis.window = win;
  return import(`../../docs/assets/javascripts/record-store.mjs?copy=${++fresh}`);
}
