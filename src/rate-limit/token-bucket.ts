/**
 * The token bucket's arithmetic, the same for every store: a bucket holds at most `capacity` tokens and gains
 * `capacity` tokens every `windowMs`, continuously; it is refilled lazily, when its client next comes. A take of
 * `cost` tokens succeeds when the bucket holds them, and leaves the bucket as it was otherwise.
 */
export class TokenBucket {
  /** Tokens gained per millisecond. */
  readonly refillPerMs: number;

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
  ) {
    if (!(capacity >= 1 && windowMs > 0)) throw new Error(`a token bucket needs capacity >= 1 and windowMs > 0, got ${String(capacity)} and ${String(windowMs)}`);
    this.refillPerMs = capacity / windowMs;
  }

  /** Tokens held at `now` by a bucket that held `tokens` at `at` (milliseconds on one clock). */
  levelAt(tokens: number, at: number, now: number): number {
    return Math.min(this.capacity, tokens + Math.max(0, now - at) * this.refillPerMs);
  }

  /** Milliseconds until a bucket holding `level` tokens holds `tokens` (0 when it does already). */
  msUntil(level: number, tokens: number): number {
    return Math.max(0, tokens - level) / this.refillPerMs;
  }
}

/** What a store answers for one take. */
export interface Taken {
  allowed: boolean;
  /** Tokens in the bucket after the take (a fraction: the bucket refills continuously). */
  level: number;
}

/** Where the buckets live: this process's memory, or a Redis server that several replicas share. */
export interface BucketStore {
  /** Takes `cost` tokens from `client`'s bucket (a full one when the store holds none), or none when it lacks them. */
  take(client: string, cost: number): Promise<Taken>;
  /**
   * Takes `cost` tokens from `client`'s bucket, or all it holds when it holds fewer: for work already done, which
   * cannot be refused. Answers the tokens left.
   */
  drain(client: string, cost: number): Promise<number>;
  /** Lets go of what the store holds outside this process (its Redis connection). */
  close(): Promise<void>;
}

/** Thrown by a store that cannot be reached (its Redis gone): the request is refused as SERVICE_UNAVAILABLE. */
export class BucketStoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the rate limit\'s bucket store is unavailable', { cause });
    this.name = 'BucketStoreUnavailableError';
  }
}
