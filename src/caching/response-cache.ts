/**
 * Whole answers kept in memory: a read asked again (the same document, operation, variables) of the same release
 * is answered without running a resolver or a Cypher query. Apollo's response-cache plugin does the work over a
 * least-recently-used cache bounded in bytes (InMemoryLRUCache). The key holds the document as printed from its
 * syntax tree (so spacing and comments do not split entries), the operation name, the variables and the release
 * version: an answer never outlives its release, and nothing has to be invalidated by hand. Answers with errors or
 * warnings are not kept, nor answers larger than a quarter of the cache.
 */
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { print, type DocumentNode } from 'graphql';
import type { RequestContext } from '../context.js';
import { RequestSlot } from '../request-slot.js';

/**
 * The plugin keeps only answers with a cache policy; entries never expire by age (the release in the key retires
 * them and the byte bound evicts them), so every answer gets the longest policy the LRU accepts: a year.
 */
const ENTRY_MAX_AGE_S = 365 * 24 * 3600;

/** An answer larger than this share of the cache is not kept: one giant answer would evict every other. */
const LARGEST_ENTRY_SHARE = 4;

/** Printing a document costs a walk of it: once per parsed document (Apollo keeps parsed documents too). */
const printed = new WeakMap<DocumentNode, string>();

function normalised(document: DocumentNode | undefined): string | null {
  if (!document) return null;
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

/**
 * The response cache, `maxBytes` large (bytes of the stored JSON); none for 0. `currentRelease` gives the version
 * of the release the graph holds, or null while there is none to serve (a rebuild, a database that does not answer).
 */
export function responseCachePlugins(currentRelease: () => Promise<string | null>, maxBytes: number): ApolloServerPlugin<RequestContext>[] {
  if (maxBytes === 0) return [];
  const largestEntry = Math.floor(maxBytes / LARGEST_ENTRY_SHARE);
  // The release each request's key was made with: an answer is written only if the release is still the same.
  const releaseOf = new RequestSlot<RequestContext, string | null>('release of the cache key');
  return [
    responseCachePlugin<RequestContext>({
      // The plugin stores each answer as JSON; the LRU measures it and refuses one larger than largestEntry.
      cache: new InMemoryLRUCache<string>({ maxSize: maxBytes, maxEntrySize: largestEntry, sizeCalculation: (value) => Buffer.byteLength(value) }),
      extraCacheKeyData: async ({ contextValue }) => {
        const release = await currentRelease();
        releaseOf.set(contextValue, release);
        return release;
      },
      // No release: nothing is read or kept.
      shouldReadFromCache: ({ contextValue }) => Promise.resolve(releaseOf.get(contextValue) != null),
      shouldWriteToCache: async ({ contextValue, response }) => {
        const release = releaseOf.get(contextValue);
        const body = response.body;
        if (release == null || contextValue.warnings.list().length > 0 || body?.kind !== 'single') return false;
        return (await currentRelease()) === release;
      },
      generateCacheKey: (requestContext, keyData) =>
        createHash('sha256')
          .update(JSON.stringify({ ...(keyData as object), source: normalised(requestContext.document) }))
          .digest('base64url'),
    }),
    {
      requestDidStart() {
        return Promise.resolve({
          executionDidStart({ overallCachePolicy }) {
            overallCachePolicy.replace({ maxAge: ENTRY_MAX_AGE_S, scope: 'PUBLIC' });
            return Promise.resolve();
          },
          // The plugin sends the entry's age as `Age`; but an entry is as fresh as the release it was made from, and
          // a CDN would count that age against the max-age of a GET's Cache-Control and throw the answer away.
          willSendResponse({ response }) {
            response.http.headers.delete('age');
            return Promise.resolve();
          },
        });
      },
    },
  ];
}
