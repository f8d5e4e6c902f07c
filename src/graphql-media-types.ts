/**
 * The media types /graphql answers in, chosen from the request's Accept header as Apollo Server chooses them, and
 * the refusal of a request whose Accept allows none of them: a JSON 406 NOT_ACCEPTABLE, never cached, as
 * /entity/:id answers, before any work. Apollo would run the operation first (its Cypher, its rate-limit tokens,
 * an execution slot) and only then answer a 406 of its own, coded BAD_REQUEST.
 */
import type { RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import { sendNotAcceptable } from './http-errors.js';

// Apollo Server's own list for a single result, in its order, parameters included: `Accept: application/json;
// charset=utf-8` takes the first, `Accept: application/json; charset=latin1` none.
const MEDIA_TYPES = [
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
  'application/json; callbackSpec=1.0; charset=utf-8',
];

/** What the 406 says /graphql is served as. */
const SERVED = ['application/graphql-response+json', 'application/json'];

/** How many Accept headers keep their answer: clients send a handful of distinct ones. */
const MAX_ACCEPT_HEADERS = 100;

/** An Accept header that allows none of MEDIA_TYPES (the cache holds no undefined). */
const NONE = '';

// Every request asks twice (requireAcceptable, then responseStatusPlugin): negotiation parses the whole header.
const chosen = new LRUCache<string, string>({ max: MAX_ACCEPT_HEADERS });

/**
 * The media type of a GraphQL answer to a request with this Accept header: the first when there is none (or it is
 * empty, as Apollo reads it); undefined when it allows none.
 */
export function graphqlMediaType(accept: string | undefined): string | undefined {
  if (!accept) return MEDIA_TYPES[0];
  let mediaType = chosen.get(accept);
  if (mediaType === undefined) chosen.set(accept, (mediaType = new Negotiator({ headers: { accept } }).mediaType(MEDIA_TYPES) ?? NONE));
  return mediaType === NONE ? undefined : mediaType;
}

/**
 * A GET or POST to /graphql whose Accept allows no GraphQL answer gets 406. Other methods go on to Apollo's 405:
 * the method is what is wrong with them. With the playground on, a browser opening /graphql without a query has
 * been given it before this (pages.ts).
 */
export const requireAcceptable: RequestHandler = (req, res, next) => {
  if ((req.method === 'GET' || req.method === 'POST') && graphqlMediaType(req.get('accept')) === undefined) {
    sendNotAcceptable(res, SERVED);
    return;
  }
  next();
};
