import { describe, expect, it } from 'vitest';
import type { FormattedExecutionResult } from 'graphql';
import { responseSizeLimit } from '../../src/limits/response-size-plugin.js';

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
