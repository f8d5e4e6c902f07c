import { describe, expect, it } from 'vitest';
import type { FormattedExecutionResult } from 'graphql';
import { jsonSizeWithin, responseSizeLimit } from '../../src/limits/response-size-plugin.js';

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

describe('jsonSizeWithin', () => {
  const samples: [string, unknown][] = [
    ['an empty object', {}],
    ['an empty list', []],
    ['scalars', { a: 1, b: -2.5, c: true, d: false, e: null, f: 'text', g: 1e21, h: Number.NaN }],
    ['quotes, escapes and non-ASCII', { 'k"ey': 'a "quoted" \\ line\nbreak\u0001', name: 'Señor 😀 μ' }],
    ['undefined members, left out of objects and null in lists', { a: undefined, b: [undefined, 1], c: 2 }],
    ['a GraphQL-shaped result', { data: { models: { nodes: [{ id: 'esm-2', year: 2022, tasks: [{ name: 'x' }, { name: 'y' }] }] } } }],
    ['null-prototype objects as graphql-js builds them', Object.assign(Object.create(null) as object, { a: [1, 2, 3], b: { c: 'd' } })],
  ];

  it.each(samples)('measures %s exactly as JSON.stringify serialises it', (_name, value) => {
    expect(jsonSizeWithin(value, 10_000)).toBe(bytes(value));
  });

  it('gives Infinity past the limit and the size up to it', () => {
    const value = { list: Array.from({ length: 1000 }, (_, i) => ({ id: `model-${String(i)}` })) };
    expect(jsonSizeWithin(value, bytes(value))).toBe(bytes(value));
    expect(jsonSizeWithin(value, bytes(value) - 1)).toBe(Infinity);
  });

  it('stops walking once the limit is passed', () => {
    let visited = 0;
    const huge = Array.from({ length: 100_000 }, () => ({
      get name(): string {
        visited += 1;
        return 'x'.repeat(100);
      },
    }));
    expect(jsonSizeWithin(huge, 10_000)).toBe(Infinity);
    expect(visited).toBeLessThan(200);
  });
});

describe('responseSizeLimit', () => {
  type Response = { http: { status?: number }; body: { kind: 'single'; singleResult: FormattedExecutionResult } };
  const send = async (limit: ReturnType<typeof responseSizeLimit>, result: FormattedExecutionResult): Promise<Response> => {
    const response: Response = { http: {}, body: { kind: 'single', singleResult: result } };
    const listener = await limit.plugin.requestDidStart!({} as never);
    await listener!.willSendResponse!({ response } as never);
    return response;
  };
  // What Apollo hands to stringifyResult: a copy of the result, its fields in this order.
  const asApollo = (result: FormattedExecutionResult): FormattedExecutionResult => ({ errors: result.errors, data: result.data, extensions: result.extensions });
  const apolloJson = (result: FormattedExecutionResult): string => `${JSON.stringify(asApollo(result))}\n`;

  it('serialises an answer once, for the measure and the body, as Apollo would', async () => {
    let reads = 0;
    const data = { models: { get totalCount(): number { reads += 1; return 782; } } };
    const result = { data, extensions: { cost: { estimated: 1 } } };
    const expected = apolloJson(result);
    reads = 0;
    const limit = responseSizeLimit(10_000);
    const response = await send(limit, result);
    expect(response.http.status).toBeUndefined();
    expect(limit.stringifyResult(asApollo(response.body.singleResult))).toBe(expected);
    expect(reads).toBe(1);
  });

  it('serialises again a result changed after it was measured', async () => {
    const result: FormattedExecutionResult = { data: { a: 1 } };
    const limit = responseSizeLimit(10_000);
    await send(limit, result);
    const changed = { ...result, errors: [{ message: 'late' }] };
    expect(limit.stringifyResult(asApollo(changed))).toBe(apolloJson(changed));
  });

  it('replaces an answer over the limit, counted in bytes of UTF-8, by RESPONSE_TOO_LARGE with 413', async () => {
    const result = { data: { name: 'μ'.repeat(600) } };
    const bytes = Buffer.byteLength(apolloJson(result));
    expect((await send(responseSizeLimit(bytes), result)).http.status).toBeUndefined();
    const response = await send(responseSizeLimit(bytes - 1), result);
    expect(response.http.status).toBe(413);
    expect(response.body.singleResult.data).toBeUndefined();
    expect(response.body.singleResult.errors?.[0]?.extensions?.['code']).toBe('RESPONSE_TOO_LARGE');
  });
});
