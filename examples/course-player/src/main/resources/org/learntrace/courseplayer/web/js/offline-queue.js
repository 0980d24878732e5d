// The client's durable queue: one IndexedDB database per signed-in learner, so that what one
// person did offline is never sent under another person's session on a shared phone.
//
// Stores:
//   queue     {seq, kind: 'event' | 'statement', body, recordedAt, offline}   waiting to be sent, oldest first
//   rejected  {seq, kind, body, recordedAt, errors, rejectedAt}               refused by the collector, kept to show
//   counters  {name, value}                                                   'sent', 'filtered'
//
// Every method is one IndexedDB transaction, so a tab closed or a page reloaded half-way through a
// sync leaves each entry either queued or settled, never lost.

const VERSION = 1;

/** Wraps an IDBRequest in a promise. */
function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Resolves when the transaction commits, rejects when it aborts. */
function committed(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error);
  });
}

export class OfflineQueue {
  #db;

  constructor(db) {
    this.#db = db;
  }

  /** Opens (creating if needed) the queue database named `name`. */
  static async open(name) {
    if (!globalThis.indexedDB) {
      throw new Error('this browser has no IndexedDB: the player cannot keep what is done offline');
    }
    const request = indexedDB.open(name, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
      db.createObjectStore('rejected', { keyPath: 'seq' });
      db.createObjectStore('counters', { keyPath: 'name' });
    };
    const db = await done(request);
    // Another tab upgrading the database: let it, this tab reopens on its next load.
    db.onversionchange = () => db.close();
    return new OfflineQueue(db);
  }

  /** Appends an entry; resolves to it with its sequence number. */
  async add(entry) {
    const tx = this.#db.transaction('queue', 'readwrite');
    const seq = await done(tx.objectStore('queue').add(entry));
    await committed(tx);
    return { ...entry, seq };
  }

  /** The oldest `limit` entries (all when limit is omitted), oldest first. */
  async oldest(limit = Infinity) {
    const tx = this.#db.transaction('queue', 'readonly');
    const out = [];
    await new Promise((resolve, reject) => {
      const cursor = tx.objectStore('queue').openCursor();
      cursor.onerror = () => reject(cursor.error);
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c || out.length >= limit) {
          resolve();
          return;
        }
        out.push(c.value);
        c.continue();
      };
    });
    return out;
  }

  /** How many entries wait. */
  async size() {
    const tx = this.#db.transaction('queue', 'readonly');
    return done(tx.objectStore('queue').count());
  }

  /**
   * Settles a batch in one transaction: `sent` and `filtered` entries leave the queue and add to
   * their counters; `rejected` ones ({entry, errors}) move to the rejected store.
   */
  async settle({ sent = [], filtered = [], rejected = [] }) {
    const tx = this.#db.transaction(['queue', 'rejected', 'counters'], 'readwrite');
    const queue = tx.objectStore('queue');
    const counters = tx.objectStore('counters');
    for (const e of [...sent, ...filtered]) {
      queue.delete(e.seq);
    }
    const rejectedAt = new Date().toISOString();
    for (const { entry, errors } of rejected) {
      queue.delete(entry.seq);
      tx.objectStore('rejected').put({ ...entry, errors, rejectedAt });
    }
    for (const [name, n] of [['sent', sent.length], ['filtered', filtered.length]]) {
      if (n > 0) {
        const current = await done(counters.get(name));
        counters.put({ name, value: (current?.value ?? 0) + n });
      }
    }
    await committed(tx);
  }

  /** The entries the collector refused, oldest first, with its errors. */
  async rejected() {
    const tx = this.#db.transaction('rejected', 'readonly');
    return done(tx.objectStore('rejected').getAll());
  }

  /** {queued, sent, filtered, rejected} counts. */
  async counts() {
    const tx = this.#db.transaction(['queue', 'rejected', 'counters'], 'readonly');
    const [queued, rejected, sent, filtered] = await Promise.all([
      done(tx.objectStore('queue').count()),
      done(tx.objectStore('rejected').count()),
      done(tx.objectStore('counters').get('sent')),
      done(tx.objectStore('counters').get('filtered')),
    ]);
    return { queued, rejected, sent: sent?.value ?? 0, filtered: filtered?.value ?? 0 };
  }

  close() {
    this.#db.close();
  }
}
