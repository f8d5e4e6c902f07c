/**
 * GraphQL over HTTP status codes by media type: a request error (the document does not parse or validate, the
 * variables do not coerce, no operation to run, the node limit) is answered 400 to a client that accepts
 * `application/graphql-response+json`, and 200 to one that takes `application/json`, as the spec recommends for
 * that older media type, whose clients read errors from the body whatever the status.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import Negotiator from 'negotiator';
import { ErrorCode } from './errors.js';

// Apollo Server's own choice, in its order: fixing the content type here makes Apollo keep it, so the status and
// the media type of a response always agree.
const MEDIA_TYPES = [
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
  'application/json; callbackSpec=1.0; charset=utf-8',
];
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';

/** The codes of GraphQL request errors: the request was well-formed HTTP, but nothing could be executed. */
const REQUEST_ERRORS = new Set<string>([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.QUERY_TOO_COMPLEX,
  'OPERATION_RESOLUTION_FAILURE',
]);

export function responseStatusPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ request, response }) {
          if (response.body.kind !== 'single') return Promise.resolve();
          const accept = request.http?.headers.get('accept');
          // No accept header means application/json; a header that allows neither type is Apollo's 406.
          const mediaType = accept ? new Negotiator({ headers: { accept } }).mediaType(MEDIA_TYPES) : MEDIA_TYPES[0];
          if (mediaType === undefined) return Promise.resolve();
          response.http.headers.set('content-type', mediaType);
          const { errors, data } = response.body.singleResult;
          const requestError =
            data === undefined && errors !== undefined && errors.every((e) => REQUEST_ERRORS.has(String(e.extensions?.['code'])));
          if (requestError && response.http.status === 400 && mediaType !== GRAPHQL_RESPONSE_JSON) response.http.status = 200;
          return Promise.resolve();
        },
      });
    },
  };
}
