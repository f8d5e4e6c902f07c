/**
 * The API's error codes, the helpers that raise expected errors, and the formatError that masks the rest.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DatabaseTimeoutError, DatabaseUnavailableError } from './db/database.js';
import { validationMessage } from './limits/validation-aborted.js';

export enum ErrorCode {
  /** An argument is out of range or malformed (also used by Apollo for bad variables). */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /**
   * An id given as an argument names no entity where one is required (path and paths; `argument` names it), or the
   * entity (or path) an export or link names does not exist.
   */
  NOT_FOUND = 'NOT_FOUND',
  /** The query text does not parse. */
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  /** The query does not fit the schema. */
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  /** The HTTP request itself is malformed (body, content type, method). */
  BAD_REQUEST = 'BAD_REQUEST',
  /** The route serves no media type the request's Accept header allows. */
  NOT_ACCEPTABLE = 'NOT_ACCEPTABLE',
  /** The request body is larger than the server accepts. */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** The operation could return more nodes than the node limit allows; rejected before any Cypher runs. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** The client spent its rate-limit budget; retry after the Retry-After seconds. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** The request carries an API key the server does not know. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The request's Cypher ran longer than CYPHER_TIMEOUT_MS and was stopped. */
  TIMEOUT = 'TIMEOUT',
  /** The graph database cannot be reached right now; retrying later may succeed. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** Every execution slot is busy and the queue is full; retrying after a moment may succeed. */
  SERVER_BUSY = 'SERVER_BUSY',
  /** The answer would be larger than MAX_RESPONSE_BYTES; it is not sent. */
  RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE',
  /** The client's address already holds MAX_CONNECTIONS_PER_IP connections; the new one is closed. */
  TOO_MANY_CONNECTIONS = 'TOO_MANY_CONNECTIONS',
  /** Anything unexpected; details are logged, never sent. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

const PASSED_THROUGH = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));
// Codes Apollo Server raises itself before execution; they describe the request, not our internals.
const APOLLO_REQUEST_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * Errors Apollo Server raises about a request without giving them a code (a persisted query whose hash does not
 * match its text, an APQ version it does not know): HTTP 400, made by Apollo, not thrown by our code or a library.
 */
function isApolloBadRequest(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.originalError !== undefined || error.extensions['code'] !== undefined) return false;
  return (error.extensions['http'] as { status?: unknown } | undefined)?.status === 400;
}

/** A BAD_USER_INPUT error that names the argument at fault. */
export function badUserInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument } });
}

/** The entity an unknown id was probably meant for (loaders/suggestions.ts). */
export interface Suggested {
  id: string;
  name: string;
}

/** The end of a message about an unknown id that names the entity probably meant, if any. */
export function didYouMean(suggestion: Suggested | null | undefined): string {
  return suggestion ? `; did you mean ${JSON.stringify(suggestion.id)} (${suggestion.name})?` : '';
}

/**
 * A NOT_FOUND error that names the argument whose id is unknown, and the entity probably meant when one is known
 * (its id in `extensions.suggestion`).
 */
export function notFound(argument: string, id: string, suggestion?: Suggested | null): GraphQLError {
  return new GraphQLError(`${argument}: no entity has the id ${JSON.stringify(id)}${didYouMean(suggestion)}`, {
    extensions: { code: ErrorCode.NOT_FOUND, argument, ...(suggestion ? { suggestion: suggestion.id } : {}) },
  });
}

/** Checks an integer argument against its inclusive range. */
export function checkRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(argument, `${argument} must be ${String(min)}..${String(max)}, got ${String(value)}`);
  }
  return value;
}

/**
 * Apollo's formatError: deliberate errors keep their code and message (a validation graphql-js aborted says which
 * limit stopped it); an unreachable database becomes SERVICE_UNAVAILABLE; everything else is masked as
 * INTERNAL_SERVER_ERROR (it was logged with the request id).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DatabaseUnavailableError) {
    return {
      message: 'The graph database is unavailable; try again shortly.',
      path: formatted.path,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  if (original instanceof DatabaseTimeoutError) {
    return {
      message: `The query took longer than the server allows (${String(original.timeoutMs)} ms); ask for less.`,
      path: formatted.path,
      extensions: { code: ErrorCode.TIMEOUT },
    };
  }
  if (isApolloBadRequest(error)) return { message: formatted.message, extensions: { code: ErrorCode.BAD_REQUEST } };
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && (PASSED_THROUGH.has(code) || APOLLO_REQUEST_CODES.has(code))) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    const message = code === ErrorCode.GRAPHQL_VALIDATION_FAILED ? validationMessage(formatted.message) : formatted.message;
    return { ...formatted, message, extensions };
  }
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/** The code the client will see for `error` (formatError's decision, for the request log). */
export function codeOf(error: GraphQLError): string {
  const original = unwrapResolverError(error);
  if (original instanceof DatabaseUnavailableError) return ErrorCode.SERVICE_UNAVAILABLE;
  if (original instanceof DatabaseTimeoutError) return ErrorCode.TIMEOUT;
  if (isApolloBadRequest(error)) return ErrorCode.BAD_REQUEST;
  const code = error.extensions['code'];
  return typeof code === 'string' && (PASSED_THROUGH.has(code) || APOLLO_REQUEST_CODES.has(code))
    ? code
    : ErrorCode.INTERNAL_SERVER_ERROR;
}

/** True when the error will reach the client masked, so it must be logged in full. */
export function isUnexpected(error: GraphQLError): boolean {
  return codeOf(error) === ErrorCode.INTERNAL_SERVER_ERROR;
}
