// LearnTrace browser client: records what a learner does as sdk-core events (or xAPI statements),
// keeps them in IndexedDB until the platform's collector has them, and syncs in batches whenever
// the device is online. See examples/course-player/README.md for the contract.
//
//   const client = await LearnTraceClient.open({ endpoint: '/learntrace/', owner: 'amina' });
//   await client.record({ type: 'video-played', module: { course: 'ags', module: 'm3' },
//                         video: 'm3-intro', sessionId, time: 0 });
//   client.onStatus((s) => console.log(s.state, s.queued, s.sent));

import { OfflineQueue } from './offline-queue.js';
import { toStatement } from './xapi-statements.js';

export const DEFAULTS = Object.freeze({
  /** The collector's base; `events` and `statements` are resolved against it. */
  endpoint: '/learntrace/',
  /** 'events': send sdk-core events; 'xapi': send xAPI statements where a statement form exists. */
  format: 'events',
  /** Items per request (the collector takes up to 1,000 and 1 MiB). */
  batchSize: 100,
  /** Bodies larger than this many bytes are gzipped when the browser has CompressionStream. */
  gzipAbove: 1024,
  /** First retry after a failed sync, doubled on each failure up to retryMaxMs. */
  retryMinMs: 2000,
  retryMaxMs: 5 * 60 * 1000,
  /** Cookies go with same-origin requests: the platform's session names the learner. */
  credentials: 'same-origin',
  /** The device clock, in epoch milliseconds; every timestamp and the send time come from it. */
  clock: () => Date.now(),
  /** Extra request headers, e.g. async () => ({ Authorization: `Bearer ${token}` }). */
  headers: async () => ({}),
});

const SENT_AT = 'X-LearnTrace-Sent-At';

/** The collector's whole-request error, or a transport failure, for one batch. */
class BatchError extends Error {
  constructor(message, { status = 0, errors = [], retryAfterMs = null } = {}) {
    super(message);
    this.status = status;
    this.errors = errors;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The coarse device class: the only device information sent (never the user agent itself). */
function deviceClass() {
  const ua = navigator.userAgent.toLowerCase();
  if (ua.includes('ipad') || ua.includes('tablet')) return 'TABLET';
  if (ua.includes('mobi') || ua.includes('android') || ua.includes('iphone')) return 'PHONE';
  return 'DESKTOP';
}

function networkType(offline) {
  if (offline) return 'OFFLINE';
  const c = navigator.connection;
  if (c?.type === 'wifi') return 'WIFI';
  if (c?.type === 'cellular') {
    return { '2g': 'CELLULAR_2G', 'slow-2g': 'CELLULAR_2G', '3g': 'CELLULAR_3G', '4g': 'CELLULAR_4G' }[c.effectiveType]
      ?? 'UNKNOWN';
  }
  return 'UNKNOWN';
}

async function gzip(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

export class LearnTraceClient {
  #options;
  #queue;
  #channel;
  #listeners = new Set();
  #state = 'idle';
  #lastError = null;
  #syncing = null;
  #retryTimer = null;
  #retryDelay = 0;
  #soon = null;
  #onOnline = () => this.sync();
  #onOffline = () => this.#publish('offline');

  constructor(options, queue) {
    this.#options = options;
    this.#queue = queue;
  }

  /**
   * Opens the client. `owner` (required) names the signed-in learner: each owner has a queue of
   * its own. `actor` (the launch's xAPI agent) is required for format 'xapi'; `platformIri` too.
   */
  static async open(options) {
    const o = { ...DEFAULTS, ...options };
    if (!o.owner) throw new Error('LearnTraceClient: option "owner" (the signed-in learner) is required');
    if (!['events', 'xapi'].includes(o.format)) {
      throw new Error(`LearnTraceClient: option "format" must be "events" or "xapi", was "${o.format}"`);
    }
    if (o.format === 'xapi' && (!o.actor || !o.platformIri)) {
      throw new Error('LearnTraceClient: format "xapi" needs the options "actor" and "platformIri"');
    }
    if (!Number.isInteger(o.batchSize) || o.batchSize < 1 || o.batchSize > 1000) {
      throw new Error(`LearnTraceClient: option "batchSize" must be 1 to 1000, was ${o.batchSize}`);
    }
    o.endpoint = new URL(o.endpoint, location.href);
    const queue = await OfflineQueue.open(`learntrace-queue:${o.owner}`);
    const client = new LearnTraceClient(o, queue);
    // Other tabs (and other clients in this one) of the same learner say when the queue changed.
    client.#channel = new BroadcastChannel(`learntrace-queue:${o.owner}`);
    client.#channel.onmessage = () => client.#publish();
    addEventListener('online', client.#onOnline);
    addEventListener('offline', client.#onOffline);
    client.#state = navigator.onLine ? 'idle' : 'offline';
    client.sync();
    return client;
  }

  /**
   * Records one event now: stamps the device time (unless occurrence.occurredAt is given), a
   * natural key (so a re-sent event is the same event), the device class and whether the device
   * was offline; stores it; and syncs soon. Resolves to the stored entry once it is in IndexedDB.
   * The learner is left out on purpose: the collector fills in the signed-in person.
   *
   * @param event sdk-core event JSON without occurrence, e.g. {type: 'video-played', module, video, sessionId, time}
   * @param names optional activity names for the xAPI form (see xapi-statements.js)
   */
  async record(event, names) {
    const offline = !navigator.onLine;
    const occurredAt = event.occurrence?.occurredAt ?? new Date(this.#options.clock()).toISOString();
    const id = crypto.randomUUID();
    const full = {
      ...event,
      occurrence: {
        occurredAt,
        naturalKey: `course-player/${id}`,
        device: { deviceClass: deviceClass(), network: networkType(offline), syncedLate: offline },
        ...(event.occurrence ?? {}),
      },
    };
    let kind = 'event';
    let body = full;
    if (this.#options.format === 'xapi') {
      const statement = toStatement(full, {
        actor: this.#options.actor, platformIri: this.#options.platformIri, id, names,
      });
      if (statement) {
        kind = 'statement';
        body = statement;
      }
    }
    const entry = await this.#queue.add({ kind, body, recordedAt: occurredAt, offline });
    this.#changed();
    this.#syncSoon();
    return entry;
  }

  /** Entries waiting to be sent, oldest first: {seq, kind, body, recordedAt, offline}. */
  pending() {
    return this.#queue.oldest();
  }

  /** Entries the collector refused, with its errors ({path, rule, detail}); they are never re-sent. */
  rejected() {
    return this.#queue.rejected();
  }

  /** {state, queued, sent, filtered, rejected, lastError}; state is idle, syncing, offline, retrying or signed-out. */
  async status() {
    return { state: this.#state, lastError: this.#lastError, ...(await this.#queue.counts()) };
  }

  /** Calls `listener(status)` now and on every change; returns a function that stops it. */
  onStatus(listener) {
    this.#listeners.add(listener);
    this.status().then(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Sends everything queued, batch by batch, until the queue is empty or a batch cannot be sent
   * (offline, collector unreachable or busy: retried later with backoff; not signed in: retried on
   * the next record, sync or 'online'). One sync at a time per learner, across tabs.
   */
  sync() {
    if (!this.#syncing) {
      const run = () => this.#drain().catch((e) => {
        // Not the collector's answer (IndexedDB refused a write, say): keep everything, say why, try again.
        this.#lastError = `sync failed: ${e.message}`;
        this.#retryLater(null);
        return this.#publish('retrying');
      });
      const locked = navigator.locks
        ? navigator.locks.request(`learntrace-sync:${this.#options.owner}`, run)
        : run();
      this.#syncing = locked.finally(() => { this.#syncing = null; });
    }
    return this.#syncing;
  }

  /** Stops listening and closes the database (the queue stays). */
  close() {
    removeEventListener('online', this.#onOnline);
    removeEventListener('offline', this.#onOffline);
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#soon);
    this.#channel.close();
    this.#queue.close();
  }

  #syncSoon() {
    if (!navigator.onLine || this.#soon) return;
    // Actions come in bursts (pause, then seek): let a burst become one batch.
    this.#soon = setTimeout(() => { this.#soon = null; this.sync(); }, 200);
  }

  async #drain() {
    clearTimeout(this.#retryTimer);
    let limit = this.#options.batchSize;
    for (;;) {
      if (!navigator.onLine) {
        await this.#publish('offline');
        return;
      }
      const waiting = await this.#queue.oldest(limit);
      if (waiting.length === 0) {
        this.#retryDelay = 0;
        this.#lastError = null;
        await this.#publish('idle');
        return;
      }
      // A batch is the oldest entries of one kind, in order: events and statements go to different resources.
      const batch = [];
      for (const e of waiting) {
        if (e.kind !== waiting[0].kind) break;
        batch.push(e);
      }
      await this.#publish('syncing');
      try {
        const items = await this.#post(batch);
        await this.#settle(batch, items);
        limit = this.#options.batchSize;
      } catch (e) {
        if (!(e instanceof BatchError)) throw e;
        this.#lastError = e.message;
        if ((e.status === 400 || e.status === 413) && batch.length > 1) {
          // The request as a whole was refused (too big, or one item broke it): halve the batch to isolate it.
          limit = Math.ceil(batch.length / 2);
          continue;
        }
        if (e.status === 400 || e.status === 413 || e.status === 415) {
          await this.#queue.settle({ rejected: [{ entry: batch[0], errors: e.errors }] });
          this.#changed();
          continue;
        }
        if (e.status === 401 || e.status === 403) {
          await this.#publish('signed-out');
          return;
        }
        this.#retryLater(e.retryAfterMs);
        await this.#publish(navigator.onLine ? 'retrying' : 'offline');
        return;
      }
    }
  }

  /** POSTs one batch; resolves to the collector's per-item outcomes, or throws a BatchError. */
  async #post(batch) {
    const statements = batch[0].kind === 'statement';
    const url = new URL(statements ? 'statements' : 'events', this.#options.endpoint);
    const text = JSON.stringify(batch.map((e) => e.body));
    const headers = {
      'Content-Type': 'application/json',
      ...(statements ? { 'X-Experience-API-Version': '1.0.3' } : {}),
      ...(await this.#options.headers()),
    };
    let body = text;
    if (text.length > this.#options.gzipAbove && globalThis.CompressionStream) {
      body = await gzip(text);
      headers['Content-Encoding'] = 'gzip';
    }
    // The device's clock reading as the batch leaves: the collector's measure of this device's skew.
    headers[SENT_AT] = new Date(this.#options.clock()).toISOString();
    let response;
    try {
      response = await fetch(url, {
        method: 'POST', body, headers, credentials: this.#options.credentials, cache: 'no-store',
      });
    } catch (e) {
      throw new BatchError(`collector unreachable: ${e.message}`);
    }
    let answer = null;
    try {
      answer = await response.json();
    } catch {
      // Not the collector's JSON (a proxy's error page): handled by status below.
    }
    if (answer && Array.isArray(answer.items) && (response.status === 200 || response.status === 400)) {
      return answer.items;
    }
    const errors = answer?.errors ?? [];
    const detail = errors.map((x) => `${x.path} ${x.rule}: ${x.detail}`).join('; ');
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    throw new BatchError(`collector answered ${response.status}${detail ? `: ${detail}` : ''}`, {
      status: response.status,
      errors,
      retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : null,
    });
  }

  /** Applies per-item outcomes: accepted and filtered leave the queue, invalid ones are rejected, dropped ones stay. */
  async #settle(batch, items) {
    const sent = [];
    const filtered = [];
    const rejected = [];
    let dropped = 0;
    for (const item of items) {
      const entry = batch[item.index];
      if (!entry) continue;
      if (item.outcome === 'accepted') sent.push(entry);
      else if (item.outcome === 'filtered') filtered.push(entry);
      else if (item.outcome === 'invalid') rejected.push({ entry, errors: item.errors ?? [] });
      else dropped++;
    }
    await this.#queue.settle({ sent, filtered, rejected });
    this.#changed();
    if (dropped > 0) {
      // The collector could not take them now (its queue was full): not an error of theirs, try again later.
      throw new BatchError(`${dropped} item(s) dropped by the collector; retrying later`);
    }
  }

  #retryLater(retryAfterMs) {
    const min = this.#options.retryMinMs;
    this.#retryDelay = Math.min(this.#options.retryMaxMs, this.#retryDelay ? this.#retryDelay * 2 : min);
    const wait = retryAfterMs ?? this.#retryDelay * (0.75 + Math.random() / 2);
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.sync(), wait);
  }

  #changed() {
    this.#channel.postMessage('changed');
    this.#publish();
  }

  async #publish(state) {
    if (state) this.#state = state;
    if (this.#listeners.size === 0) return;
    const s = await this.status();
    for (const l of this.#listeners) l(s);
  }
}
