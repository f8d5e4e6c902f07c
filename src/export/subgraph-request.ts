/**
 * What a subgraph export asks for (`?around=ID&depth=N` or `?path=FROM,TO&maxHops=N`), read from its query string
 * with the API's ranges and its case-insensitive ids, and what it costs: the node estimate of the GraphQL operation
 * that reads the same subgraph, so a client pays the same tokens for a neighbourhood over /graphql or as a file.
 */
import { parse, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Request } from 'express';
import { MAX_PATH_HOPS } from '../db/paths.js';
import { badUserInput, checkRange } from '../errors.js';
import { estimateNodes, type NodeEstimateOptions } from '../limits/node-estimate.js';
import { idArgument } from '../resolvers/id-args.js';

export type SubgraphRequest = { around: string; depth: number } | { from: string; to: string; maxHops: number };

type Query = Request['query'];

function queryInteger(query: Query, name: string, fallback: number): number {
  const raw = query[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) throw badUserInput(name, `${name} must be an integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function queryString(query: Query, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw === '') throw badUserInput(name, `${name} must be given once and not be empty`);
  return raw;
}

/** The parameters each kind of subgraph takes. */
const PARAMETERS = { around: ['around', 'depth'], path: ['path', 'maxHops'] } as const;

/**
 * A parameter the subgraph does not take is refused, not ignored: `dept=2` or `depth[x]=2` (a bracketed name is
 * just a name) would give depth 1, and `depth` beside `path` would be dropped, each without a word.
 */
function refuseOthers(query: Query, kind: keyof typeof PARAMETERS): void {
  const taken: readonly string[] = PARAMETERS[kind];
  const other = Object.keys(query).find((name) => !taken.includes(name));
  if (other === undefined) return;
  throw badUserInput(other, `${kind}= takes only ${taken.join(' and ')}, got ${JSON.stringify(other)}`);
}

/** The subgraph a query string asks for; a BAD_USER_INPUT GraphQLError for one the API would refuse. */
export function subgraphRequest(query: Query): SubgraphRequest {
  const around = queryString(query, 'around');
  const path = queryString(query, 'path');
  if ((around === undefined) === (path === undefined)) {
    throw badUserInput('around', 'give either around=ID (with depth) or path=FROM,TO (with maxHops)');
  }
  refuseOthers(query, around !== undefined ? 'around' : 'path');
  if (around !== undefined) return { around: idArgument(around), depth: checkRange('depth', queryInteger(query, 'depth', 1), 1, 3) };
  const ends = path!.split(',');
  if (ends.length !== 2 || ends.some((end) => end === '')) throw badUserInput('path', `path must be FROM,TO, got ${JSON.stringify(path)}`);
  return { from: idArgument(ends[0]!), to: idArgument(ends[1]!), maxHops: checkRange('maxHops', queryInteger(query, 'maxHops', 4), 1, MAX_PATH_HOPS) };
}

interface Twin {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

function twin(source: string): Twin {
  const document = parse(source);
  return { document, operation: document.definitions[0] as OperationDefinitionNode };
}

// What an export writes of each: the entities and the relationships among them.
const AROUND = twin('query ($id: ID!, $depth: Int) { neighborhood(id: $id, depth: $depth) { nodes { id } edges { type } truncated } }');
const PATH = twin('query ($from: ID!, $to: ID!, $maxHops: Int) { path(from: $from, to: $to, maxHops: $maxHops) { nodes { id } edges { type } } }');

/**
 * The node estimate of a subgraph export, as its GraphQL twin is estimated; 0 for a query string the export
 * refuses (it answers 400 before reading anything).
 */
export function subgraphEstimate(schema: GraphQLSchema, options: NodeEstimateOptions): (query: Query) => number {
  return (query) => {
    let asked: SubgraphRequest;
    try {
      asked = subgraphRequest(query);
    } catch {
      return 0;
    }
    const [{ document, operation }, variables] = 'around' in asked ? [AROUND, { id: asked.around, depth: asked.depth }] : [PATH, asked];
    return estimateNodes(schema, document, operation, variables, options);
  };
}
