/**
 * Replaces an answer larger than the limit by a RESPONSE_TOO_LARGE error (HTTP 413), measured as the JSON that
 * will be sent.
 */
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors.js';
import { RequestSlot } from '../request-slot.js';

/** The JSON Apollo sends for a result: its fields in Apollo's order (undefined ones left out), then a newline. */
function serialise(result: FormattedExecutionResult): string {
  return `${JSON.stringify({ errors: result.errors, data: result.data, extensions: result.extensions })}\n`;
}

/** The error that stands for an answer over the limit, wherever it is sent (GraphQL over HTTP, MCP). */
export function responseTooLarge(maxBytes: number): GraphQLFormattedError {
  return {
    message: `The answer is larger than the limit of ${String(maxBytes)} bytes; ask for smaller pages (first) or fewer fields.`,
    extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, limit: maxBytes },
  };
}

export interface ResponseSizeLimit<C extends object> {
  /** Last of the plugins: it measures the answer as it will be sent. */
  plugin: ApolloServerPlugin<C>;
  /** Apollo's `stringifyResult`: the JSON the plugin measured, when the result is still the one it measured. */
  stringifyResult(result: FormattedExecutionResult): string;
}

/**
 * Measures each answer by serialising it, once: the plugin keeps the JSON for `stringifyResult`, which Apollo
 * calls right after to make the body. Walking the answer to count its bytes cost more than serialising it
 * (V8's JSON.stringify is native code) on top of Apollo's own serialisation. An answer too large for a string
 * (V8's RangeError) is over any limit.
 */
export function responseSizeLimit<C extends object>(maxBytes: number): ResponseSizeLimit<C> {
  // On the result's data: the object Apollo hands to stringifyResult is a copy of the result with the same data.
  const measured = new RequestSlot<object, { result: FormattedExecutionResult; json: string }>('measured answer');
  const tooLarge = (response: GraphQLResponse): void => {
    response.http.status = 413;
    response.body = { kind: 'single', singleResult: { errors: [responseTooLarge(maxBytes)] } };
  };
  return {
    plugin: {
      requestDidStart() {
        return Promise.resolve({
          willSendResponse({ response }) {
            const { body } = response;
            if (body.kind !== 'single') return Promise.resolve();
            const result = body.singleResult;
            let json: string;
            try {
              json = serialise(result);
            } catch (error) {
              if (!(error instanceof RangeError)) throw error;
              tooLarge(response);
              return Promise.resolve();
            }
            // Bytes are at least as many as UTF-16 units, and at most three times as many.
            if (json.length * 3 > maxBytes && Buffer.byteLength(json) > maxBytes) tooLarge(response);
            else if (typeof result.data === 'object' && result.data !== null) measured.set(result.data, { result, json });
            return Promise.resolve();
          },
        });
      },
    },
    stringifyResult(result) {
      const kept = typeof result.data === 'object' && result.data !== null ? measured.get(result.data) : undefined;
      return kept && kept.result.errors === result.errors && kept.result.extensions === result.extensions ? kept.json : serialise(result);
    },
  };
}
