import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphCounts, type GraphCounts } from '../../src/db/scripts.js';
import { MAX_WHERE_TEXT } from '../../src/limits/argument-limits.js';
import { useTestServer, type RawRequest } from '../harness.js';
import { EXPECTED_STATS } from '../expected.js';

interface HostileCase {
  name: string;
  request: RawRequest;
  status: number;
  /** The exact extensions.code of the first error. */
  code: string;
  /** What one of the errors must say, where the code alone does not tell the client what to change. */
  message?: RegExp;
}

// Clients that accept the GraphQL over HTTP media type get HTTP 400 for request errors (see clients.test.ts).
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

function post(body: unknown, headers: Record<string, string> = JSON_HEADERS): RawRequest {
  return { headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

function gql(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): RawRequest {
  return post({ query, variables }, { ...JSON_HEADERS, ...headers });
}

function cursor(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

const deep = `{ ${'model(id: "esm-2") { basedOn { '.repeat(1)}${'derivatives { '.repeat(48)}id${' }'.repeat(50)} }`;
const aliases = `{ ${Array.from({ length: 500 }, (_, i) => `a${String(i)}: stats { models }`).join(' ')} }`;
const typenameAliases = `{ ${Array.from({ length: 500 }, (_, i) => `t${String(i)}: __typename`).join(' ')} }`;
const directives = `{ stats ${'@include(if: true) '.repeat(50)}{ models } }`;
const tokens = `{ ${'__typename '.repeat(3000)}}`;
const wide = '{ models(first: 100) { nodes { domains { tasks { datasets { trainedModels { name } } } } } } }';
// Hostile review, round 2: `first` through a variable default (the estimate once read the raw variables: 0).
const nestedDefault =
  'query($n: Int = 100) { models(first: $n) { nodes { tasks { models(first: $n) { nodes { tasks { models(first: $n) { nodes { id tasks { id } } } } } } } } } }';
const persistedQueryGet = (sha256Hash: unknown): RawRequest => ({
  method: 'GET',
  path: `/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }))}`,
  headers: { accept: 'application/graphql-response+json' },
});
const aliased = (count: number, field: string): string =>
  `{ ${Array.from({ length: count }, (_, i) => `a${String(i)}: ${field}`).join(' ')} }`;
// Each fragment spreads the next four times: 4^8 copies of the last in a few hundred tokens.
const fragmentFanOut = `{ ...F0 } ${Array.from({ length: 8 }, (_, i) => `fragment F${String(i)} on Query { ${`...F${String(i + 1)} `.repeat(4)}}`).join(' ')} fragment F8 on Query { stats { models } }`;

const CASES: HostileCase[] = [
  // The HTTP request itself.
  { name: 'malformed JSON', request: post('{"query": "{ __typename }"'), status: 400, code: 'BAD_REQUEST' },
  { name: 'JSON with trailing garbage', request: post('{"query": "{ __typename }"} trailing'), status: 400, code: 'BAD_REQUEST' },
  { name: 'a JSON null body', request: post('null'), status: 400, code: 'BAD_REQUEST' },
  { name: 'a JSON string body', request: post('"{ __typename }"'), status: 400, code: 'BAD_REQUEST' },
  { name: 'an empty JSON body', request: post(''), status: 400, code: 'BAD_REQUEST' },
  { name: 'an empty object', request: post({}), status: 400, code: 'BAD_REQUEST' },
  { name: 'text/plain', request: post({ query: '{ __typename }' }, { 'content-type': 'text/plain' }), status: 415, code: 'BAD_REQUEST' },
  { name: 'a form body', request: post('query=%7B__typename%7D', { 'content-type': 'application/x-www-form-urlencoded' }), status: 415, code: 'BAD_REQUEST' },
  { name: 'multipart', request: post('--x--', { 'content-type': 'multipart/form-data; boundary=x' }), status: 415, code: 'BAD_REQUEST' },
  { name: 'no content type', request: post({ query: '{ __typename }' }, {}), status: 415, code: 'BAD_REQUEST' },
  { name: 'an unsupported charset', request: post({ query: '{ __typename }' }, { 'content-type': 'application/json; charset=klingon' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'an unknown content encoding', request: post({ query: '{ __typename }' }, { ...JSON_HEADERS, 'content-encoding': 'zstd-imaginary' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'a body over the size limit', request: post({ query: '{ __typename }', pad: 'x'.repeat(200_000) }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'a batched request', request: post([{ query: '{ __typename }' }, { query: '{ __typename }' }]), status: 400, code: 'BAD_REQUEST' },
  { name: 'an empty batch', request: post([]), status: 400, code: 'BAD_REQUEST' },
  { name: 'a query that is not a string', request: post({ query: 42 }), status: 400, code: 'BAD_REQUEST' },
  { name: 'an empty query', request: post({ query: '' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'variables that are not an object', request: post({ query: '{ __typename }', variables: 'x' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'PUT', request: { method: 'PUT', headers: JSON_HEADERS, body: '{"query":"{ __typename }"}' }, status: 405, code: 'BAD_REQUEST' },
  { name: 'DELETE', request: { method: 'DELETE', headers: JSON_HEADERS }, status: 405, code: 'BAD_REQUEST' },
  // Apollo ran these first and answered its own 406, coded BAD_REQUEST; now refused before any work, as /entity/ does.
  { name: 'a POST that accepts only image/png', request: post({ query: '{ __typename }' }, { 'content-type': 'application/json', accept: 'image/png' }), status: 406, code: 'NOT_ACCEPTABLE', message: /served as application\/graphql-response\+json or application\/json; the Accept header allows none of them: "image\/png"/ },
  { name: 'a GET that accepts only image/png', request: { method: 'GET', path: `/graphql?query=${encodeURIComponent('{ __typename }')}`, headers: { accept: 'image/png' } }, status: 406, code: 'NOT_ACCEPTABLE' },
  { name: 'a GET of a query that accepts only text/html', request: { method: 'GET', path: `/graphql?query=${encodeURIComponent('{ __typename }')}`, headers: { accept: 'text/html' } }, status: 406, code: 'NOT_ACCEPTABLE' },
  { name: 'a POST that accepts JSON in another charset only', request: post({ query: '{ __typename }' }, { 'content-type': 'application/json', accept: 'application/json; charset=latin1' }), status: 406, code: 'NOT_ACCEPTABLE' },
  // Red-team pass, 2026-12-04: Apollo read it with U+FFFD and answered GRAPHQL_PARSE_FAILED.
  { name: 'a GET whose query string does not decode', request: { method: 'GET', path: '/graphql?query=%E0%A4%A', headers: { accept: 'application/json' } }, status: 400, code: 'BAD_REQUEST', message: /not valid percent-encoded UTF-8/ },
  { name: 'a mutation in a GET', request: { method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { deleteEverything }')}`, headers: { accept: 'application/graphql-response+json' } }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  // The document.
  { name: 'a syntax error', request: gql('{ models { '), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'a lone brace', request: gql('}'), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'more tokens than allowed', request: gql(tokens), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'an unknown field', request: gql('{ modelz { id } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'an unknown argument', request: gql('{ model(id: "esm-2", drop: true) { id } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a missing required argument', request: gql('{ model { id } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'an unknown type condition', request: gql('{ node(id: "esm-2") { ... on Virus { id } } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a mutation (there are none)', request: gql('mutation { deleteEverything }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a subscription (there are none)', request: gql('subscription { models { totalCount } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'nesting 50 deep', request: gql(deep), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a deep introspection query', request: gql('{ __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: '500 aliases of a field (the token limit stops it first)', request: gql(aliases), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: '40 aliases of a field', request: gql(`{ ${Array.from({ length: 40 }, (_, i) => `a${String(i)}: stats { models }`).join(' ')} }`), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: '500 aliased __typename', request: gql(typenameAliases), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a fragment cycle', request: gql('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a self-spreading fragment', request: gql('query { ...A } fragment A on Query { stats { models } ...A }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  // Red-team, 2026-12-03: both stopped graphql-js's validation with a bare "Validation aborted.".
  { name: '1,000 copies of one field', request: gql(`{ ${'__typename '.repeat(1000)}}`), status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /fields of the same name .* Ask for each field once/ },
  { name: '150 unknown fields', request: gql(`{ ${Array.from({ length: 150 }, (_, i) => `x${String(i)}`).join(' ')} }`), status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /stopped after 100 errors/ },
  { name: 'a directive flood', request: gql(directives), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'an unknown directive', request: gql('{ stats @explode { models } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'an unknown operation name', request: post({ query: 'query A { stats { models } }', operationName: 'B' }), status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'two operations and no name', request: gql('query A { stats { models } } query B { stats { tasks } }'), status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  // The node limit (first multiplies down nested lists).
  { name: 'a nested list over the node limit', request: gql(wide), status: 400, code: 'QUERY_TOO_COMPLEX' },
  {
    name: 'a nested list over the node limit through variables',
    request: gql('query($n: Int) { models(first: $n) { nodes { domains { tasks { models(first: $n) { nodes { trainedOn { name } } } } } } } }', { n: 100 }),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'a nested list over the node limit through a variable default',
    request: gql(nestedDefault),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'a nested list over the node limit through a variable default set to null',
    request: gql(nestedDefault.replace('$n: Int = 100', '$n: Int = 100, $m: Int').replace('models(first: $n) { nodes { id', 'models(first: $m) { nodes { id'), { m: null }),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'first: null at every level (execution uses 20 each)',
    request: gql('{ models(first: null) { nodes { tasks { models(first: null) { nodes { tasks { models(first: null) { nodes { tasks { models(first: null) { nodes { id } } } } } } } } } } } }'),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'the nested list through a fragment with a variable default',
    request: gql('query($n: Int = 100) { ...Q } fragment Q on Query { models(first: $n) { nodes { ...T } } } fragment T on Model { tasks { models(first: $n) { nodes { tasks { models(first: $n) { nodes { id } } } } } } }'),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  { name: '30 aliased depth-3 neighbourhoods', request: gql(aliased(30, 'neighborhood(id: "pubmedbert", depth: 3) { nodes { id } edges { type } }')), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: '30 aliased related-model lists', request: gql(aliased(30, 'relatedModels(id: "me-llama", first: 100) { score }')), status: 400, code: 'QUERY_TOO_COMPLEX' },
  // Red-team, 2026-12-02: 25 of these were charged 2,500 nodes and held the server for 16.8 s.
  { name: '25 aliased resolves of 100 names that match nothing', request: gql(`query($n: [NonEmptyString!]!) ${aliased(25, 'resolve(names: $n) { input }')}`, { n: Array.from({ length: 100 }, (_, i) => `qz${String(i)}xv`) }), status: 400, code: 'QUERY_TOO_COMPLEX' },
  // Red-team, 2026-12-02: 7 of these (100 names of 64 characters each) were charged 492,800 nodes and took 7.1 s.
  { name: '2 aliased resolves of 100 names of 64 characters', request: gql(`query($n: [NonEmptyString!]!) ${aliased(2, 'resolve(names: $n) { input }')}`, { n: Array.from({ length: 100 }, (_, i) => `${i.toString(36)}qzxv`.repeat(16).slice(0, 64)) }), status: 400, code: 'QUERY_TOO_COMPLEX' },
  // Red-team leftover of 2026-12-02, closed 2026-12-03: charged as the lists they return (44,460 nodes), these took
  // 258 ms of Neo4j for each new set of filters, where one modelCounts charged 340,000 takes 40.
  { name: '30 aliased facets of the whole list, each with a filter of its own', request: gql(`{ ${Array.from({ length: 30 }, (_, i) => `a${String(i)}: models(first: 0, where: { yearTo: ${String(2030 + i)} }) { facets(top: 100) { tasks { count } } }`).join(' ')} }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: "facets of every task's models", request: gql('{ tasks { models(first: 0) { facets(top: 100) { domains { count } } } } }'), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: '30 aliased paths of 6 hops', request: gql(aliased(30, 'path(from: "esm-2", to: "chembl", maxHops: 6) { length }')), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: 'fragments spread 65,536 times', request: gql(fragmentFanOut), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: 'null for a non-null argument through a variable default', request: gql('query($id: ID = "esm-2") { model(id: $id) { id } }', { id: null }), status: 400, code: 'BAD_USER_INPUT' },
  // Argument values.
  { name: 'first: -1', request: gql('{ models(first: -1) { totalCount } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'first: 101', request: gql('{ models(first: 101) { totalCount } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'first: 1e10 as a literal', request: gql('{ models(first: 10000000000) { totalCount } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'first: 1e10 as a variable', request: gql('query($n: Int) { models(first: $n) { totalCount } }', { n: 1e10 }), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'first as a string', request: gql('{ models(first: "ten") { totalCount } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a float for first', request: gql('query($n: Int) { models(first: $n) { totalCount } }', { n: 2.5 }), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'search first: 500', request: gql('{ search(text: "esm", first: 500) { score } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'maxHops: 0', request: gql('{ path(from: "esm-2", to: "chembl", maxHops: 0) { length } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'maxHops: 7', request: gql('{ path(from: "esm-2", to: "chembl", maxHops: 7) { length } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'maxDepth: 21', request: gql('{ model(id: "llama") { descendants(maxDepth: 21) { depth } } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'three count dimensions', request: gql('{ modelCounts(by: [YEAR, DOMAIN, TASK]) { count } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'an unknown count dimension', request: gql('{ modelCounts(by: [COLOUR]) { count } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'facets top: 1000', request: gql('{ models { facets(top: 1000) { years { count } } } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'paths first: 500', request: gql('{ paths(from: "esm-2", to: "chembl", first: 500) { length } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'an unknown kind to avoid', request: gql('query($k: [EntityKind!]) { paths(from: "esm-2", to: "chembl", avoidKinds: $k) { length } }', { k: ['Domain'] }), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'an unknown relationship type to go via', request: gql('{ paths(from: "esm-2", to: "chembl", via: [LIKES]) { length } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'depth: 0', request: gql('{ neighborhood(id: "esm-2", depth: 0) { truncated } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'depth: 4', request: gql('{ neighborhood(id: "esm-2", depth: 4) { truncated } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'an empty cursor', request: gql('{ models(after: "") { totalCount } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'a garbage cursor', request: gql('{ models(after: "%%%not-base64%%%") { totalCount } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'a cursor of an empty object', request: gql(`{ models(after: "${cursor({})}") { totalCount } }`), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'a cursor with object values', request: gql(`{ models(after: "${cursor({ o: 'NAME:ASC', v: [{ $gt: '' }], id: 'x' })}") { totalCount } }`), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'a cursor made for another order', request: gql(`{ models(after: "${cursor({ o: 'NAME:ASC', v: ['esm-2'], id: 'esm-2' })}", orderBy: [{ field: YEAR }]) { totalCount } }`), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'a cursor with a Cypher-looking id', request: gql(`{ models(after: "${cursor({ o: 'NAME:ASC', v: ['x'], id: "x' OR 1=1 //" })}") { totalCount } }`), status: 200, code: 'NONE' },
  { name: 'a repeated orderBy field', request: gql('{ models(orderBy: [{ field: NAME }, { field: NAME }]) { totalCount } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'an unknown enum literal', request: gql('{ models(where: { paradigm: MAGIC }) { totalCount } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'an unknown enum variable', request: gql('query($w: ModelWhere) { models(where: $w) { totalCount } }', { w: { modality: 'DNA' } }), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a string year in a variable', request: gql('query($w: ModelWhere) { models(where: $w) { totalCount } }', { w: { yearFrom: '2020' } }), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'an unsafe integer for minParameters', request: gql('query($w: ModelWhere) { models(where: $w) { totalCount } }', { w: { minParameters: 2 ** 60 } }), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'an unknown ModelWhere field', request: gql('query($w: ModelWhere) { models(where: $w) { totalCount } }', { w: { drop: true } }), status: 400, code: 'BAD_USER_INPUT' },
  // Red-team, 2026-12-02: a filter of 13,000 ids (or a 95 KB string) under a list of 309 parents, estimated at
  // 20 nodes, held the event loop for 6 s; 29 aliases of it for 17-44 s.
  { name: 'a filter list of 101 ids', request: gql('query($ids: [ID!]) { models(first: 0, where: { trainedOnAny: $ids }) { totalCount } }', { ids: Array.from({ length: 101 }, (_, i) => `x${String(i)}`) }), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'a filter id of 201 characters', request: gql('query($w: ModelWhere) { models(where: $w) { totalCount } }', { w: { domainAny: ['x'.repeat(201)] } }), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'a nameContains of 95,000 characters under every organisation', request: gql('query($s: String) { organizations { models(first: 0, where: { nameContains: $s }) { totalCount } } }', { s: 'q'.repeat(95_000) }), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'an empty search literal', request: gql('{ search(text: "") { score } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'an empty search variable', request: gql('query($t: NonEmptyString!) { search(text: $t) { score } }', { t: '' }), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a null for a required variable', request: gql('query($id: ID!) { model(id: $id) { id } }', { id: null }), status: 400, code: 'BAD_USER_INPUT' },
  // Red-team pass, 2026-12-02: each of these was a 500 INTERNAL_SERVER_ERROR.
  { name: 'variables nested 5,000 levels deep', request: post(`{"query":"{ stats { models } }","variables":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a body that does not gunzip', request: post({ query: '{ __typename }' }, { ...JSON_HEADERS, 'content-encoding': 'gzip' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'a path whose percent-encoding does not decode', request: { method: 'GET', path: '/entity/%E0%A4%A', headers: { accept: 'application/json' } }, status: 400, code: 'BAD_REQUEST' },
  // Red-team, 2026-12-02: Express's HTML 404 page (and /entity/'s marked cacheable); now JSON, never cached.
  { name: 'an unknown path', request: { method: 'GET', path: '/nowhere', headers: { accept: 'text/html' } }, status: 404, code: 'NOT_FOUND' },
  { name: 'an entity link without an id', request: { method: 'GET', path: '/entity/', headers: { accept: 'application/json' } }, status: 404, code: 'NOT_FOUND' },
  { name: 'an unknown method on /health', request: { method: 'DELETE', path: '/health' }, status: 404, code: 'NOT_FOUND' },
  { name: 'a path under /mcp that does not decode', request: { method: 'GET', path: '/mcp/%ZZ' }, status: 404, code: 'NOT_FOUND' },
  // Node's answer to these was an empty 431.
  { name: 'a request line over 16 KB', request: { method: 'GET', path: `/graphql?query=${'%7B__typename%7D'.repeat(1200)}` }, status: 431, code: 'BAD_REQUEST' },
  { name: 'a header over 16 KB', request: gql('{ __typename }', undefined, { 'x-padding': 'x'.repeat(17_000) }), status: 431, code: 'BAD_REQUEST' },
  { name: 'a persisted query whose hash does not match it', request: post({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }), status: 400, code: 'BAD_REQUEST' },
  { name: 'a persisted query whose hash no query has', request: persistedQueryGet('0'.repeat(64)), status: 200, code: 'PERSISTED_QUERY_NOT_FOUND' },
  // Red-team, 2026-12-03: these were looked up, and PERSISTED_QUERY_NOT_FOUND told the client to send the query.
  { name: 'a persisted query whose hash is a number', request: post({ extensions: { persistedQuery: { version: 1, sha256Hash: 123 } } }), status: 400, code: 'BAD_REQUEST', message: /64 lowercase hexadecimal digits/ },
  { name: 'a persisted query whose hash is not hexadecimal', request: post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'xyz' } } }), status: 400, code: 'BAD_REQUEST', message: /64 lowercase hexadecimal digits/ },
  { name: 'a persisted query over GET whose hash is a number', request: persistedQueryGet(123), status: 400, code: 'BAD_REQUEST', message: /64 lowercase hexadecimal digits/ },
  { name: 'a persisted query version APQ does not have', request: post({ query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } }), status: 400, code: 'BAD_REQUEST' },
];

const HOSTILE_STRINGS: [string, string][] = [
  ['Cypher-looking', '") MATCH (n) DETACH DELETE n //'],
  ['single-quoted Cypher', "' OR 1=1 WITH n MATCH (m) DELETE m //"],
  ['NUL', 'esm\u0000-2'],
  ['10 kB', 'a'.repeat(10_000)],
];

/**
 * Every string argument of the API, each given the hostile value as a variable; none may fail, except where an
 * unknown id is an error by contract (the ends of path and paths: NOT_FOUND).
 */
const STRING_ARGUMENTS: [string, string, 'NOT_FOUND'?][] = [
  ['node(id)', 'query($s: ID!) { node(id: $s) { id } }'],
  ['domain(id)', 'query($s: ID!) { domain(id: $s) { id } }'],
  ['task(id)', 'query($s: ID!) { task(id: $s) { id } }'],
  ['dataset(id)', 'query($s: ID!) { dataset(id: $s) { id } }'],
  ['model(id)', 'query($s: ID!) { model(id: $s) { id } }'],
  ['tasks(domain)', 'query($s: ID) { tasks(domain: $s) { id } }'],
  ['datasets(task)', 'query($s: ID) { datasets(task: $s) { id } }'],
  ['models(where: domain, task, dataset)', 'query($s: ID) { models(where: { domain: $s, task: $s, dataset: $s }) { totalCount } }'],
  ['models(where: organization)', 'query($s: String) { models(where: { organization: $s }) { totalCount } }'],
  ['models(where: nameContains)', 'query($s: String) { models(where: { nameContains: $s }) { totalCount } }'],
  ['Domain.models(where: nameContains)', 'query($s: String) { domains { models(where: { nameContains: $s }) { totalCount } } }'],
  ['search(text)', 'query($s: NonEmptyString!) { search(text: $s) { score } }'],
  ['path(from, to)', 'query($s: ID!) { path(from: $s, to: "esm-2") { length } other: path(from: "esm-2", to: $s) { length } }', 'NOT_FOUND'],
  ['paths(from, to)', 'query($s: ID!) { paths(from: $s, to: "esm-2") { length } other: paths(from: "esm-2", to: $s) { length } }', 'NOT_FOUND'],
  [
    'models(where: descendantOf, ancestorOf, trainedOnAny, evaluatedOnAny, domainAny, taskAny)',
    'query($s: ID!) { models(where: { descendantOf: $s, ancestorOf: $s, trainedOnAny: [$s], evaluatedOnAny: [$s], domainAny: [$s], taskAny: [$s] }) { totalCount facets { years { count } } } }',
  ],
  ['modelCounts(where: descendantOf)', 'query($s: ID!) { modelCounts(by: [YEAR], where: { descendantOf: $s }) { count } }'],
  ['datasets(where: task, domain, trainedByDomain)', 'query($s: ID!) { datasets(where: { task: $s, domain: $s, trainedByDomain: $s }) { id } }'],
  ['datasets(where: nameContains)', 'query($s: String!) { datasets(where: { nameContains: $s }) { id } }'],
  ['neighborhood(id)', 'query($s: ID!) { neighborhood(id: $s) { truncated } }'],
  ['relatedModels(id)', 'query($s: ID!) { relatedModels(id: $s) { score } }'],
];

describe('hostile input', () => {
  const server = useTestServer();
  let before: GraphCounts;

  beforeAll(async () => {
    before = await graphCounts(server.db);
  });

  async function stillAnswers(): Promise<void> {
    const { status, data } = await server.gql<{ stats: { models: number } }>('{ stats { models } }');
    expect(status).toBe(200);
    expect(data?.stats.models).toBe(EXPECTED_STATS.models);
  }

  it(`has at least 60 cases (${String(CASES.length + HOSTILE_STRINGS.length * STRING_ARGUMENTS.length)})`, () => {
    expect(CASES.length + HOSTILE_STRINGS.length * STRING_ARGUMENTS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('answers %s with its code and keeps answering', async (_name, c) => {
    const response = await server.raw(c.request);
    expect(response.status).toBe(c.status);
    expect(response.json, `not JSON: ${response.text.slice(0, 200)}`).not.toBeNull();
    if (c.code === 'NONE') {
      expect(response.json?.errors).toBeUndefined();
    } else {
      expect(response.json?.errors?.[0]?.extensions?.code).toBe(c.code);
    }
    if (c.code === 'GRAPHQL_VALIDATION_FAILED') expect(response.json?.errors?.[0]?.message).not.toMatch(/syntax error/i);
    if (c.message) expect(response.json?.errors?.map((error) => error.message)).toContainEqual(expect.stringMatching(c.message));
    expect(response.text).not.toMatch(/\n\s+at |stacktrace|MATCH \(|neo4j-driver/);
    await stillAnswers();
  });

  it('answers bytes that are not HTTP with a JSON 400, where Node answered an empty one', async () => {
    const { port } = new URL(server.url);
    const answer = await new Promise<string>((resolve, reject) => {
      let received = '';
      const socket = connect(Number(port), 'localhost', () => socket.write('HELLO WORLD\r\n\r\n'));
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      errors: [{ message: 'The request is not valid HTTP.', extensions: { code: 'BAD_REQUEST' } }],
    });
    await stillAnswers();
  });

  describe.each(HOSTILE_STRINGS)('a %s string', (_kind, value) => {
    it.each(STRING_ARGUMENTS)('in %s is only data', async (_argument, query, notFound) => {
      const response = await server.gql(query, { s: value });
      expect(response.status).toBe(200);
      // A model filter's strings are bounded (a filter is part of the key of every page it asks for).
      const code = /\b(models|modelCounts)\([^)]*where:/.test(query) && value.length > MAX_WHERE_TEXT ? 'BAD_USER_INPUT' : notFound;
      // A non-null root field (paths) that fails nulls the whole answer, so one error may hide the other.
      if (code) expect(new Set(response.errors?.map((e) => e.extensions?.code))).toEqual(new Set([code]));
      else expect(response.errors).toBeUndefined();
      await stillAnswers();
    });
  });

  afterAll(async () => {
    expect(await graphCounts(server.db)).toEqual(before);
  });
});
