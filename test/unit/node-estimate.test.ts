import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateNodes } from '../../src/limits/node-estimate.js';

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

function estimate(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return estimateNodes(schema, document, operation, variables, { listSize: 20, fieldSizes: { 'Subgraph.nodes': 200 } });
}

describe('estimateNodes', () => {
  it('counts a page by its first and multiplies the lists below it', () => {
    // 5 models, 5 × 20 domains, 5 × 20 × 20 tasks.
    expect(estimate('{ models(first: 5) { nodes { name domains { name tasks { name } } } } }')).toBe(5 + 100 + 2000);
  });

  it('uses the schema default of first, and variables when given', () => {
    expect(estimate('{ models { nodes { name } } }')).toBe(20);
    expect(estimate('query($n: Int) { models(first: $n) { edges { node { name } } } }', { n: 50 })).toBe(50);
  });

  it('multiplies nested connections by each first', () => {
    expect(estimate('{ domains { models(first: 10) { nodes { trainedOn { name } } } } }')).toBe(20 + 200 + 4000);
  });

  it('expands fragments and inline fragments', () => {
    const query = `{ search(text: "esm", first: 10) { node { ...M } } }
      fragment M on Model { ... on Model { tasks { name } } }`;
    expect(estimate(query)).toBe(10 + 200);
  });

  it('uses known list sizes and ignores scalars', () => {
    expect(estimate('{ neighborhood(id: "x") { nodes { id } } stats { models } }')).toBe(200);
  });

  it('counts each facet list by the top of its facets, once per connection rather than per model', () => {
    // 10 models; two facet lists of 5.
    expect(estimate('{ models(first: 10) { nodes { id } facets(top: 5) { domains { value } years { value } } } }')).toBe(10 + 10);
    expect(estimate('{ models(first: 10) { facets { tasks { value } } } }')).toBe(10 + 20);
    // 20 domains, 2 models each, 100 tasks in the facets of each domain's models.
    expect(estimate('{ domains { models(first: 2) { facets(top: 100) { tasks { value } } } } }')).toBe(20 + 40 + 2000);
  });

  it('counts lineage, counts and paths like lists', () => {
    // 5 models, each with 20 descendants, each step with a model.
    expect(estimate('{ models(first: 5) { nodes { descendants { model { id } via { id } } } } }')).toBe(5 + 100);
    expect(estimate('{ modelCounts(by: [YEAR, DOMAIN]) { domain { name } count } }')).toBe(20);
    expect(estimate('{ paths(from: "a", to: "b", first: 10) { nodes { id } } }', {})).toBe(10 + 200);
  });

  it('counts an out-of-range first as zero, leaving its rejection to the argument check', () => {
    expect(estimate('query($n: Int) { models(first: $n) { nodes { name } } }', { n: 1e10 })).toBe(0);
  });
});
