import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { subgraphEstimate, subgraphRequest } from '../../src/export/subgraph-request.js';
import { FIELD_COSTS } from '../../src/limits/field-costs.js';
import { estimateNodes } from '../../src/limits/node-estimate.js';

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const options = { listSize: 20, fieldSizes: { 'Subgraph.nodes': 200, 'Subgraph.edges': 400, 'GraphPath.nodes': 7, 'GraphPath.edges': 6 }, fieldCosts: FIELD_COSTS };
const exportEstimate = subgraphEstimate(schema, options);

function graphqlEstimate(query: string): number {
  const document = parse(query);
  return estimateNodes(schema, document, document.definitions[0] as OperationDefinitionNode, {}, options);
}

describe('subgraphRequest', () => {
  it('reads a neighbourhood or a path with the API defaults, ids in lowercase', () => {
    expect(subgraphRequest({ around: 'ESM-2' })).toEqual({ around: 'esm-2', depth: 1 });
    expect(subgraphRequest({ around: 'chembl', depth: '3' })).toEqual({ around: 'chembl', depth: 3 });
    expect(subgraphRequest({ path: 'ESM-2,ChEMBL' })).toEqual({ from: 'esm-2', to: 'chembl', maxHops: 4 });
    expect(subgraphRequest({ path: 'esm-2,chembl', maxHops: '6' })).toEqual({ from: 'esm-2', to: 'chembl', maxHops: 6 });
  });

  it.each([
    [{}, 'around'],
    [{ around: 'esm-2', path: 'esm-2,chembl' }, 'around'],
    [{ around: '' }, 'around'],
    [{ around: ['a', 'b'] }, 'around'],
    [{ around: 'esm-2', depth: '4' }, 'depth'],
    [{ around: 'esm-2', depth: '1.5' }, 'depth'],
    [{ path: 'esm-2' }, 'path'],
    [{ path: 'esm-2,' }, 'path'],
    [{ path: 'a,b,c' }, 'path'],
    [{ path: 'esm-2,chembl', maxHops: '0' }, 'maxHops'],
    [{ around: 'esm-2', dept: '2' }, 'dept'],
    [{ around: 'esm-2', 'depth[x]': '2' }, 'depth[x]'],
    [{ around: 'esm-2', maxHops: '2' }, 'maxHops'],
    [{ path: 'esm-2,chembl', depth: '2' }, 'depth'],
  ])('refuses %j, naming %s', (query, argument) => {
    expect(() => subgraphRequest(query)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument }) }));
  });
});

describe('subgraphEstimate', () => {
  it('is the node estimate of the GraphQL operation that reads the same subgraph', () => {
    for (const depth of [1, 2, 3]) {
      const twin = graphqlEstimate(`{ neighborhood(id: "x", depth: ${String(depth)}) { nodes { id } edges { type } truncated } }`);
      expect(exportEstimate({ around: 'X', depth: String(depth) })).toBe(twin);
    }
    expect(exportEstimate({ around: 'x', depth: '2' })).toBeGreaterThan(exportEstimate({ around: 'x', depth: '1' }));
    expect(exportEstimate({ path: 'a,b', maxHops: '5' })).toBe(graphqlEstimate('{ path(from: "a", to: "b", maxHops: 5) { nodes { id } edges { type } } }'));
  });

  it('is 0 for a request the export refuses before reading anything', () => {
    expect(exportEstimate({ around: 'x', depth: '9' })).toBe(0);
    expect(exportEstimate({})).toBe(0);
  });
});
