/**
 * Makes GraphQL GET answers cacheable: an answer without errors gets `Cache-Control: public, max-age=…` and the
 * ETag of the release, query string and Accept (`conditionalGet` answers 304 to the same tag before Apollo runs).
 * POSTs and answers with errors are never cached.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { cacheHeaders, graphqlReadKey, readTag } from './http-cache.js';
import type { ReleaseCache } from './release-cache.js';

export function httpCachePlugin<C extends object>(releases: ReleaseCache, maxAgeSeconds: number): ApolloServerPlugin<C> {
  return {
    requestDidStart({ request }) {
      if (request.http?.method !== 'GET') return Promise.resolve();
      const key = graphqlReadKey(request.http.search, request.http.headers.get('accept'));
      return Promise.resolve({
        async willSendResponse({ response, errors }) {
          const body = response.body;
          if (body.kind !== 'single' || (errors?.length ?? 0) > 0 || body.singleResult.errors) return;
          const release = await releases.current().catch(() => null);
          if (release === null) return;
          for (const [name, value] of Object.entries(cacheHeaders(maxAgeSeconds, readTag(release.version, key)))) {
            response.http.headers.set(name, value);
          }
        },
      });
    },
  };
}
