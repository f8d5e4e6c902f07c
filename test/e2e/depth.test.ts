import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';

/**
 * A Relay app's page: each component asks for its own fields in a fragment and spreads its children's.
 * Fields nest five deep (model > domains > tasks > datasets > name); the spreads add four more levels of
 * nesting in the text, which a depth limit must not count.
 */
const RELAY_TREE = `
  query ModelPage($id: ID!) { model(id: $id) { ...ModelHeader_model } }
  fragment ModelHeader_model on Model { name ...ModelDomains_model }
  fragment ModelDomains_model on Model { domains { ...DomainCard_domain } }
  fragment DomainCard_domain on Domain { name tasks { ...TaskRow_task } }
  fragment TaskRow_task on Task { name datasets { ...DatasetChip_dataset } }
  fragment DatasetChip_dataset on Dataset { name }
`;
const TREE_DEPTH = 5;
/** The same tree one level deeper: each dataset also lists its tasks. */
const DEEPER_TREE = RELAY_TREE.replace('fragment DatasetChip_dataset on Dataset { name }', 'fragment DatasetChip_dataset on Dataset { name tasks { name } }');
/** The same selection as RELAY_TREE, written inline. */
const INLINE_TREE = 'query ModelPage($id: ID!) { model(id: $id) { name domains { name tasks { name datasets { name } } } } }';

interface ModelPage {
  model: { name: string; domains: { name: string; tasks: { name: string; datasets: { name: string }[] }[] }[] };
}

describe(`the depth limit counts fields, not fragment spreads (MAX_DEPTH=${String(TREE_DEPTH)})`, () => {
  const server = useTestServer({ MAX_DEPTH: String(TREE_DEPTH) });

  it('answers a Relay-style fragment tree exactly at the limit, as its inline twin', async () => {
    const fragments = await server.gql<ModelPage>(RELAY_TREE, { id: 'esm-2' });
    expect(fragments.errors).toBeUndefined();
    const inline = await server.gql<ModelPage>(INLINE_TREE, { id: 'esm-2' });
    expect(fragments.data).toEqual(inline.data);
    expect(fragments.data?.model.domains.map((d) => d.name)).toEqual(['Computational Biology']);
    expect(fragments.data?.model.domains[0]?.tasks.some((t) => t.datasets.length > 0)).toBe(true);
  });

  it('rejects the tree one level deeper as a validation error that names the limit', async () => {
    const response = await server.gql(DEEPER_TREE, { id: 'esm-2' });
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toBe(`Query depth limit of ${String(TREE_DEPTH)} exceeded, found ${String(TREE_DEPTH + 1)}.`);
  });

  it('counts inline fragments and type conditions as no level either', async () => {
    const response = await server.gql('{ node(id: "esm-2") { ... on Model { domains { ... on Domain { tasks { datasets { name } } } } } } }');
    expect(response.errors).toBeUndefined();
    const deeper = await server.gql('{ node(id: "esm-2") { ... on Model { domains { ... on Domain { tasks { datasets { tasks { name } } } } } } } }');
    expect(deeper.errors?.[0]?.message).toMatch(/^Query depth limit of 5 exceeded, found 6\.$/);
  });
});
