/**
 * Apollo plugins of our own: the per-request log line with its Cypher count, the Cypher count extension, and
 * the request's warnings.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from './context.js';
import { codeOf, ErrorCode, isUnexpected } from './errors.js';
import type { Logger } from './logger.js';

// A request that met these is logged as a warning: the database, not the client, was at fault.
const DATABASE_CODES = new Set<string>([ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.TIMEOUT]);

/**
 * Logs one line per request (id, operation, duration, Cypher round trips, outcome, how many errors of each
 * code) - a warning when the database failed it, however many fields that failed - and every error that will
 * reach the client masked, with the request id, so the masked response can be traced.
 */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      const started = performance.now();
      let errors = 0;
      const codes: Record<string, number> = {};
      return Promise.resolve({
        didEncounterErrors({ errors: encountered, contextValue }) {
          errors += encountered.length;
          for (const error of encountered) {
            const code = codeOf(error);
            codes[code] = (codes[code] ?? 0) + 1;
          }
          for (const error of encountered.filter(isUnexpected)) {
            logger.error({ requestId: contextValue.requestId, err: error.originalError ?? error, path: error.path }, 'unexpected error');
          }
          return Promise.resolve();
        },
        willSendResponse({ contextValue, operationName }) {
          const databaseFailed = Object.keys(codes).some((code) => DATABASE_CODES.has(code));
          const level = databaseFailed ? 'warn' : 'info';
          // The line is made only to be written: at LOG_LEVEL=warn, a request that went well is not.
          if (!logger.isLevelEnabled(level)) return Promise.resolve();
          logger[level](
            {
              requestId: contextValue.requestId,
              operation: operationName ?? null,
              durationMs: Math.round(performance.now() - started),
              cypherQueries: contextValue.counter.cypherQueries,
              outcome: errors === 0 ? 'ok' : 'error',
              errors,
              ...(errors === 0 ? {} : { codes }),
            },
            'request',
          );
          return Promise.resolve();
        },
      });
    },
  };
}

/** Reports the request's Cypher round trips as `extensions.cypherQueries` (tests and benchmarks read it). */
export function queryStatsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              cypherQueries: contextValue.counter.cypherQueries,
            };
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/** Reports the request's warnings (context.warnings) as `extensions.warnings`, when there are any. */
export function warningsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response, contextValue }) {
          const warnings = contextValue.warnings.list();
          if (response.body.kind === 'single' && warnings.length > 0) {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, warnings };
          }
          return Promise.resolve();
        },
      });
    },
  };
}
