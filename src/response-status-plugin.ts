/**
 * GraphQL over HTTP status codes by media type: a request error (the document does not parse or validate, the
 * variables do not coerce, no operation to run, the node limit) is answered 400 to a client that accepts
 * `application/graphql-response+json`, and 200 to one that takes `application/json`, as the spec recommends for
 * that older media type, whose clients read errors from the body whatever the status.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from './errors.js';
import { graphqlMediaType } from './graphql-media-types.js';

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
          // Apollo's own choice: fixing the content type here makes Apollo keep it, so the status and the media type
          // of a response always agree. No accept header means application/json; a header that allows no GraphQL
          // answer was refused before Apollo ran (requireAcceptable).
          const mediaType = graphqlMediaType(request.http?.headers.get('accept'));
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
