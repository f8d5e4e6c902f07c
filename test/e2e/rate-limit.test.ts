import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';

interface Limited {
  status: number;
  remaining: number | null;
  headers: Headers;
  body: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
}

const CHEAP = '{ release { version } }';
// 100 models, 20 domains each assumed, 20 tasks each: tens of thousands of estimated nodes, hundreds of tokens.
const EXPENSIVE = '{ models(first: 100) { nodes { domains { tasks { name } } } } }';

describe('rate limits', () => {
  const server = useTestServer({ RATE_LIMIT: 'true', RATE_LIMIT_POINTS: '12', RATE_LIMIT_WINDOW_S: '60', API_KEYS: 'key-one,key-two' });

  async function ask(query: string, headers: Record<string, string> = {}): Promise<Limited> {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
    const remaining = /;r=(\d+);/.exec(response.headers.get('ratelimit') ?? '')?.[1];
    return { status: response.status, remaining: remaining === undefined ? null : Number(remaining), headers: response.headers, body: (await response.json()) as Limited['body'] };
  }

  it('takes tokens by cost, announces the policy, and refuses an operation the budget cannot cover without charging it', async () => {
    const first = await ask(CHEAP);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"default";q=12;w=60');
    expect(first.remaining).toBe(11);
    const expensive = await ask(EXPENSIVE);
    expect(expensive.status).toBe(429);
    expect(expensive.body.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    expect(expensive.body.data).toBeUndefined();
    const retryAfter = Number(expensive.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The refused operation paid only its token at the door.
    expect((await ask(CHEAP)).remaining).toBe(9);
  });

  it('refuses every request with 429 and Retry-After once the budget is spent', async () => {
    let last = await ask(CHEAP);
    while (last.status === 200) last = await ask(CHEAP);
    expect(last.status).toBe(429);
    expect(last.body.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last.remaining).toBe(0);
    const exportRefused = await fetch(new URL('/export/graph.jsonl', server.url));
    expect(exportRefused.status).toBe(429);
  });

  it('gives each known API key its own budget and refuses an unknown key', async () => {
    const keyed = await ask(CHEAP, { 'x-api-key': 'key-one' });
    expect(keyed.status).toBe(200);
    expect(keyed.remaining).toBe(11);
    const unknown = await ask(CHEAP, { 'x-api-key': 'not-a-key' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('charges a whole-graph export RATE_LIMIT_EXPORT_POINTS tokens', async () => {
    const response = await fetch(new URL('/export/croissant.json', server.url), { headers: { 'x-api-key': 'key-two' } });
    expect(/;r=(\d+);/.exec(response.headers.get('ratelimit') ?? '')?.[1]).toBe('11');
    // The default export cost (500) is more than this budget of 12.
    const whole = await fetch(new URL('/export/graph.graphml', server.url), { headers: { 'x-api-key': 'key-two' } });
    expect(whole.status).toBe(429);
  });
});
