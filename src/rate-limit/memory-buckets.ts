/**
 * The buckets of one process, in memory. A full bucket is the same as none, so the store forgets full buckets,
 * and it holds at most `maxClients` of them (the least recently seen client is forgotten first, as if its bucket
 * were full): memory stays bounded whatever the number of clients.
 */
import type { BucketStore, Taken, TokenBucket } from './token-bucket.js';

/** The most clients whose buckets one process remembers (about 100 bytes each). */
const MAX_CLIENTS = 100_000;

interface Held {
  tokens: number;
  /** When the bucket held `tokens`, on the store's clock. */
  at: number;
}

export class MemoryBuckets implements BucketStore {
  /** In the order the clients were last seen, least recent first (a take moves its client to the end). */
  private readonly buckets = new Map<string, Held>();

  constructor(
    private readonly bucket: TokenBucket,
    /** Milliseconds on a clock that never goes back; tests give their own. */
    private readonly now: () => number = () => performance.now(),
    private readonly maxClients: number = MAX_CLIENTS,
  ) {}

  /** How many clients' buckets are held (the rest are full). */
  get size(): number {
    return this.buckets.size;
  }

  take(client: string, cost: number): Promise<Taken> {
    return Promise.resolve(this.settle(client, (held) => (held >= cost ? { allowed: true, level: held - cost } : { allowed: false, level: held })));
  }

  drain(client: string, cost: number): Promise<number> {
    return Promise.resolve(this.settle(client, (held) => ({ allowed: true, level: Math.max(0, held - cost) })).level);
  }

  /** Nothing outside this process to let go of. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Leaves `client`'s bucket holding the level `settled` makes of the tokens it holds now. */
  private settle(client: string, settled: (held: number) => Taken): Taken {
    const now = this.now();
    const held = this.buckets.get(client);
    const taken = settled(held ? this.bucket.levelAt(held.tokens, held.at, now) : this.bucket.capacity);
    this.buckets.delete(client);
    if (taken.level < this.bucket.capacity) this.buckets.set(client, { tokens: taken.level, at: now });
    this.forget(now);
    return taken;
  }

  /**
   * Forgets, least recently seen first, the buckets that have filled up, and any beyond `maxClients`; stops at
   * the first one still filling. Each bucket is forgotten once, so a take costs O(1) amortised; and since an
   * empty bucket fills in one window, no bucket untouched for a window outlives the next take.
   */
  private forget(now: number): void {
    for (const [client, held] of this.buckets) {
      if (this.buckets.size <= this.maxClients && this.bucket.levelAt(held.tokens, held.at, now) < this.bucket.capacity) return;
      this.buckets.delete(client);
    }
  }
}
