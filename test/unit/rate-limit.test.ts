import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MemoryBuckets } from '../../src/rate-limit/memory-buckets.js';
import { rateLimitPlugin } from '../../src/rate-limit/rate-limit-plugin.js';
import { RateLimiter, type RateLimitConfig } from '../../src/rate-limit/rate-limiter.js';
import { BucketStoreUnavailableError, TokenBucket } from '../../src/rate-limit/token-bucket.js';
import { capturedLogger } from '../harness.js';

/** 10 tokens, refilled over 60 s: one token every 6 s. */
const LIMIT: RateLimitConfig = { enabled: true, points: 10, windowSeconds: 60, nodesPerPoint: 100, exportPoints: 5, apiKeys: [], apiKeyHeader: 'x-api-key', redisTimeoutMs: 2000 };

/** A clock the test moves by hand, in milliseconds. */
function manualClock(): { now: () => number; advance: (seconds: number) => void } {
  let ms = 1_000;
  return { now: () => ms, advance: (seconds) => void (ms += seconds * 1000) };
}

describe('TokenBucket', () => {
  const bucket = new TokenBucket(10, 60_000);

  it('refills continuously at capacity per window, never past capacity', () => {
    expect(bucket.levelAt(0, 0, 6_000)).toBeCloseTo(1);
    expect(bucket.levelAt(0, 0, 30_000)).toBeCloseTo(5);
    expect(bucket.levelAt(4, 0, 60_000)).toBe(10);
    // A clock that went back adds nothing and takes nothing.
    expect(bucket.levelAt(4, 10_000, 5_000)).toBe(4);
  });

  it('says how long until a bucket holds some tokens', () => {
    expect(bucket.msUntil(0, 3)).toBeCloseTo(18_000);
    expect(bucket.msUntil(2.5, 3)).toBeCloseTo(3_000);
    expect(bucket.msUntil(7, 3)).toBe(0);
  });

  it('refuses a bucket that could never hold a token', () => {
    expect(() => new TokenBucket(0, 1000)).toThrow('capacity >= 1');
    expect(() => new TokenBucket(5, 0)).toThrow('windowMs > 0');
  });
});

describe('MemoryBuckets', () => {
  it('gives a new client a full bucket, a burst of all of it, then refuses without taking', async () => {
    const clock = manualClock();
    const buckets = new MemoryBuckets(new TokenBucket(10, 60_000), clock.now);
    expect(await buckets.take('a', 10)).toEqual({ allowed: true, level: 0 });
    expect(await buckets.take('a', 1)).toEqual({ allowed: false, level: 0 });
    clock.advance(12);
    expect(await buckets.take('a', 3)).toMatchObject({ allowed: false, level: expect.closeTo(2) as number });
    expect(await buckets.take('a', 2)).toMatchObject({ allowed: true, level: expect.closeTo(0) as number });
    expect(await buckets.take('b', 4)).toEqual({ allowed: true, level: 6 });
  });

  it('drains for work already done: the tokens asked for, or all the bucket holds, never below none', async () => {
    const clock = manualClock();
    const buckets = new MemoryBuckets(new TokenBucket(10, 60_000), clock.now);
    expect(await buckets.drain('a', 4)).toBe(6);
    expect(await buckets.drain('a', 9)).toBe(0);
    expect(await buckets.take('a', 1)).toEqual({ allowed: false, level: 0 });
    // Drained empty, the bucket refills from none: one token in 6 s.
    clock.advance(6);
    expect(await buckets.take('a', 1)).toMatchObject({ allowed: true, level: expect.closeTo(0) as number });
    // A new client's bucket is full before the drain.
    expect(await buckets.drain('b', 3)).toBe(7);
  });

  it('forgets the buckets that have filled up', async () => {
    const clock = manualClock();
    const buckets = new MemoryBuckets(new TokenBucket(10, 60_000), clock.now);
    await buckets.take('a', 10);
    await buckets.take('b', 1);
    expect(buckets.size).toBe(2);
    // b is full again after 6 s, a only after 60 s; a, seen first, keeps b from being forgotten until then.
    clock.advance(30);
    await buckets.take('c', 0);
    expect(buckets.size).toBe(2);
    clock.advance(30);
    await buckets.take('c', 0);
    expect(buckets.size).toBe(0);
  });

  it('holds at most maxClients buckets, forgetting the least recently seen first', async () => {
    const clock = manualClock();
    const buckets = new MemoryBuckets(new TokenBucket(10, 60_000), clock.now, 3);
    for (const client of ['a', 'b', 'c', 'd', 'e']) await buckets.take(client, 10);
    expect(buckets.size).toBe(3);
    // a and b were forgotten, so they start again with a full bucket; e was not.
    expect(await buckets.take('a', 10)).toEqual({ allowed: true, level: 0 });
    expect(await buckets.take('e', 1)).toEqual({ allowed: false, level: 0 });
  });
});

describe('RateLimiter', () => {
  it('charges one token per nodesPerPoint estimated nodes, at least one, at most a full bucket', async () => {
    const limiter = await RateLimiter.create(LIMIT);
    expect(limiter.pointsFor(0)).toBe(1);
    expect(limiter.pointsFor(100)).toBe(1);
    expect(limiter.pointsFor(101)).toBe(2);
    expect(limiter.pointsFor(500_000)).toBe(10);
  });

  it('takes tokens by cost; a refused take costs nothing and says when its tokens are back', async () => {
    const clock = manualClock();
    const limiter = await RateLimiter.create(LIMIT, { now: clock.now });
    expect(await limiter.take('a', 4)).toEqual({ allowed: true, state: { remaining: 6, resetSeconds: 6 } });
    expect(await limiter.take('a', 7)).toEqual({ allowed: false, state: { remaining: 6, resetSeconds: 6 } });
    expect(await limiter.take('a', 6)).toEqual({ allowed: true, state: { remaining: 0, resetSeconds: 6 } });
    expect(await limiter.take('a', 3)).toEqual({ allowed: false, state: { remaining: 0, resetSeconds: 18 } });
    // Two seconds on, a third of a token is back: the next whole one in 4 s, three in 16 s.
    clock.advance(2);
    expect(await limiter.take('a', 3)).toEqual({ allowed: false, state: { remaining: 0, resetSeconds: 16 } });
    clock.advance(16);
    expect(await limiter.take('a', 3)).toMatchObject({ allowed: true, state: { remaining: 0 } });
    expect(await limiter.take('b', 1)).toEqual({ allowed: true, state: { remaining: 9, resetSeconds: 6 } });
  });

  it('takes a full bucket at most, so a request dearer than the bucket runs once it is full', async () => {
    const clock = manualClock();
    const limiter = await RateLimiter.create(LIMIT, { now: clock.now });
    expect(await limiter.take('a', 50)).toEqual({ allowed: true, state: { remaining: 0, resetSeconds: 6 } });
    expect(await limiter.take('a', 50)).toEqual({ allowed: false, state: { remaining: 0, resetSeconds: 60 } });
    clock.advance(60);
    expect((await limiter.take('a', 50)).allowed).toBe(true);
  });

  it('drains for work already done, down to none, and says what is left', async () => {
    const clock = manualClock();
    const limiter = await RateLimiter.create(LIMIT, { now: clock.now });
    expect(await limiter.drain('a', 3)).toEqual({ remaining: 7, resetSeconds: 6 });
    expect(await limiter.drain('a', 50)).toEqual({ remaining: 0, resetSeconds: 6 });
    expect(await limiter.take('a', 1)).toEqual({ allowed: false, state: { remaining: 0, resetSeconds: 6 } });
    expect(await limiter.drain('b', 50)).toEqual({ remaining: 0, resetSeconds: 6 });
  });

  it('writes the IETF RateLimit and RateLimit-Policy fields, without t when the bucket is full', async () => {
    const limiter = await RateLimiter.create(LIMIT);
    expect(limiter.headers({ remaining: 3, resetSeconds: 42 })).toEqual({ 'ratelimit-policy': '"default";q=10;w=60', ratelimit: '"default";r=3;t=42' });
    expect(limiter.headers({ remaining: 10, resetSeconds: undefined })).toEqual({ 'ratelimit-policy': '"default";q=10;w=60', ratelimit: '"default";r=10' });
  });

  it('does not start on a Redis store that cannot be reached', async () => {
    // Port 1 (tcpmux) is served nowhere, and no test server could take it.
    await expect(RateLimiter.create({ ...LIMIT, redisUrl: 'redis://127.0.0.1:1' }, { logger: capturedLogger().logger })).rejects.toThrow(
      'RATE_LIMIT_REDIS_URL: cannot connect to Redis (connect ECONNREFUSED 127.0.0.1:1)',
    );
  });
});

describe('rateLimitPlugin', () => {
  interface Context {
    client?: string;
    requestId: string;
    unforeseen: number;
  }
  /** Runs the plugin's willSendResponse for an operation that ran, and answers the header fields it set. */
  const sendWith = async (limiter: Parameters<typeof rateLimitPlugin<Context>>[0], contextValue: Context, logger = capturedLogger().logger) => {
    const plugin = rateLimitPlugin<Context>(limiter, { estimateOf: () => 1, unforeseenOf: (context) => context.unforeseen }, logger);
    const listener = await plugin.requestDidStart!({} as never);
    const headers = new Map<string, string>();
    await listener!.willSendResponse!({ response: { http: { headers } }, contextValue } as never);
    return headers;
  };

  it('takes the tokens of unforeseen work after the answer, and the fields say what is left', async () => {
    const limiter = await RateLimiter.create(LIMIT);
    const headers = await sendWith(limiter, { client: 'a', requestId: 'r1', unforeseen: 700 });
    expect(headers.get('ratelimit')).toBe('"default";r=3;t=6');
    // Without a client (no limit applies) or unforeseen work, nothing is taken and no field is set.
    expect(await sendWith(limiter, { requestId: 'r2', unforeseen: 700 })).toEqual(new Map());
    expect(await sendWith(limiter, { client: 'b', requestId: 'r3', unforeseen: 0 })).toEqual(new Map());
    expect((await limiter.take('b', 10)).allowed).toBe(true);
  });

  it('sends the answer when the store cannot take the tokens, and logs it with the request id', async () => {
    const limiter = await RateLimiter.create(LIMIT);
    const unreachable = {
      pointsFor: (nodes: number) => limiter.pointsFor(nodes),
      take: (client: string, points: number) => limiter.take(client, points),
      headers: (state: Parameters<RateLimiter['headers']>[0]) => limiter.headers(state),
      drain: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
      close: () => Promise.resolve(),
    };
    const { logger, lines } = capturedLogger();
    await expect(sendWith(unreachable, { client: 'a', requestId: 'r4', unforeseen: 700 }, logger)).resolves.toEqual(new Map());
    expect(lines).toMatchObject([{ level: 40, requestId: 'r4', msg: 'rate limit: the tokens of unforeseen work could not be taken' }]);
  });

  it('refuses an operation with 503 SERVICE_UNAVAILABLE while the store cannot take its tokens', async () => {
    const limiter = await RateLimiter.create(LIMIT);
    const unreachable = {
      pointsFor: () => 3,
      take: () => Promise.reject(new BucketStoreUnavailableError(new Error('Stream isn\'t writeable'))),
      headers: (state: Parameters<RateLimiter['headers']>[0]) => limiter.headers(state),
      drain: (client: string, points: number) => limiter.drain(client, points),
      close: () => Promise.resolve(),
    };
    const plugin = rateLimitPlugin<Context>(unreachable, { estimateOf: () => 300, unforeseenOf: () => 0 }, capturedLogger().logger);
    const listener = await plugin.requestDidStart!({} as never);
    const refused = listener!.didResolveOperation!({ contextValue: { client: 'a', requestId: 'r5', unforeseen: 0 } } as never);
    await expect(refused).rejects.toThrow(GraphQLError);
    await expect(refused).rejects.toMatchObject({
      message: "The rate limit's store does not answer; try again shortly.",
      extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: new Map([['retry-after', '1']]) } },
    });
  });
});
