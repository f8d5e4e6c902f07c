import { describe, expect, it } from 'vitest';
import { readSeedManifest } from '../../src/db/seed-manifest.js';
import { readFacts } from '../../src/facts/facts-files.js';
import { expectWarnings, useTestServer } from '../harness.js';

const facts = readFacts();
const byName = (a: { name: string; id: string }, b: { name: string; id: string }): number =>
  a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : a.id < b.id ? -1 : 1;

/** The organisation and every organisation below it, from the facts. */
function withParts(id: string): string[] {
  return [id, ...facts.organizations.filter((o) => o.parent === id).flatMap((o) => withParts(o.id))];
}

function modelsOf(organizations: string[]): string[] {
  return facts.models.filter((m) => m.organizations.some((o) => organizations.includes(o))).map((m) => m.id).sort();
}

interface Page { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } }

describe('organisations', () => {
  const server = useTestServer();

  async function allModels(field: string): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const response = await server.gql<{ page: Page }>(
        `query($after: String) { page: ${field.replace('ARGS', 'first: 100, after: $after')} { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const page: Page = response.data!.page;
      ids.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) return ids.sort();
      after = page.pageInfo.endCursor;
    }
  }

  it('lists every organisation by name, and those of a kind and country', async () => {
    const all = await server.gql<{ organizations: { id: string }[]; stats: { organizations: number } }>(
      '{ organizations { id } stats { organizations } }',
    );
    expect(all.data?.organizations.map((o) => o.id)).toEqual([...facts.organizations].sort(byName).map((o) => o.id));
    expect(all.data?.stats.organizations).toBe(readSeedManifest().labels['Organization']);
    const academicGb = await server.gql<{ organizations: { id: string }[] }>('{ organizations(kind: ACADEMIC, country: "gb") { id } }');
    expect(academicGb.data?.organizations.map((o) => o.id)).toEqual(
      facts.organizations.filter((o) => o.kind === 'academic' && o.country === 'GB').sort(byName).map((o) => o.id),
    );
  });

  it('warns, naming the code probably meant, when a country is no ISO 3166-1 alpha-2 code', async () => {
    const gb = facts.organizations.filter((o) => o.country === 'GB').sort(byName).map((o) => o.id);
    const response = await server.gql<Record<string, { id: string }[]>>(`{
      gb: organizations(country: "gb") { id }
      uk: organizations(country: "UK") { id }
      lowerUk: organizations(country: "uk") { id }
      name: organizations(country: "United Kingdom") { id }
      spaced: organizations(country: " GB ") { id }
      nothing: organizations(country: "XX") { id }
    }`);
    expect(gb).toHaveLength(17);
    expect(response.data).toEqual({ gb: gb.map((id) => ({ id })), uk: [], lowerUk: [], name: [], spaced: [], nothing: [] });
    const meantGb = (country: string) => ({ code: 'UNKNOWN_COUNTRY' as const, argument: 'country', message: `"${country}" is no ISO 3166-1 alpha-2 country code: United Kingdom is "GB"` });
    expectWarnings(response, [
      meantGb('UK'),
      meantGb('uk'),
      meantGb('United Kingdom'),
      meantGb(' GB '),
      { code: 'UNKNOWN_COUNTRY', argument: 'country', message: '"XX" is no ISO 3166-1 alpha-2 country code: two letters, such as "US", "GB" or "DE"' },
    ]);
  });

  it('does not warn about a real country code that no organisation has', async () => {
    const response = await server.gql('{ organizations(country: "NZ") { id } }');
    expect(response.data).toEqual({ organizations: [] });
    expect(response.extensions?.warnings).toBeUndefined();
  });

  it('answers an organisation with its kind, country, aliases, parent chain and parts', async () => {
    const { data } = await server.gql<{ organization: Record<string, unknown> }>(`{
      organization(id: "google-research") { id name kind country aliases parent { id parent { id parent { id } } } parts { id } }
    }`);
    const fact = facts.organizations.find((o) => o.id === 'google-research')!;
    expect(data?.organization).toEqual({
      id: 'google-research', name: fact.name, kind: fact.kind?.toUpperCase(), country: fact.country, aliases: fact.aliases ?? [],
      parent: { id: 'google', parent: { id: 'alphabet', parent: null } },
      parts: facts.organizations.filter((o) => o.parent === 'google-research').sort(byName).map((o) => ({ id: o.id })),
    });
    const node = await server.gql<{ node: { __typename: string } }>('{ node(id: "alphabet") { __typename } }');
    expect(node.data?.node.__typename).toBe('Organization');
  });

  it("counts Alphabet's models with its parts as the union of every part's models, and without them as its own", async () => {
    const alphabet = withParts('alphabet');
    expect(alphabet).toEqual(expect.arrayContaining(['google', 'google-research', 'google-deepmind']));
    const withPartsIds = await allModels('models(ARGS, where: { developedBy: "alphabet" })');
    expect(withPartsIds).toEqual(modelsOf(alphabet));
    expect(withPartsIds.length).toBeGreaterThan(modelsOf(['google-research']).length);
    const nested = await server.gql<{ organization: { models: Page; own: Page } }>(`{
      organization(id: "alphabet") {
        models(first: 100) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
        own: models(first: 100, includeParts: false) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
      }
    }`);
    expect(nested.data?.organization.models.totalCount).toBe(modelsOf(alphabet).length);
    expect(nested.data?.organization.own.nodes.map((n) => n.id).sort()).toEqual(modelsOf(['alphabet']));
  });

  it('lists the organisations of a model lead first, as the facts give them', async () => {
    const model = facts.models.find((m) => m.organizations.length >= 3)!;
    const { data } = await server.gql<{ model: { organizations: { id: string }[] } }>(
      `{ model(id: "${model.id}") { organizations { id } } }`,
    );
    expect(data?.model.organizations.map((o) => o.id)).toEqual(model.organizations);
  });

  it('shows models with no paper, or a paper without a confirmed title, and a null paradigm', async () => {
    const noPaper = facts.models.find((m) => m.paper === null)!;
    const untitled = facts.models.find((m) => m.paper !== null && m.paper.title === null)!;
    const noParadigm = facts.models.find((m) => m.paradigm === null)!;
    const { data, errors } = await server.gql<Record<string, { paper: { title: string | null; url: string | null } | null; paradigm: string | null }>>(`{
      a: model(id: "${noPaper.id}") { paper { title url } paradigm }
      b: model(id: "${untitled.id}") { paper { title url } paradigm }
      c: model(id: "${noParadigm.id}") { paper { title url } paradigm }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.['a']?.paper).toBeNull();
    expect(data?.['b']?.paper).toEqual({ title: null, url: untitled.paper!.url });
    expect(data?.['c']?.paradigm).toBeNull();
  });

  it('loads organisations in one query per level however many models ask', async () => {
    const query = (first: number) =>
      `{ models(first: ${String(first)}) { nodes { organizations { parent { id } parts { id } models(first: 3) { nodes { id } } } } } }`;
    const small = await server.gql(query(5));
    const large = await server.gql(query(60));
    expect(small.errors).toBeUndefined();
    // The page, organisations (carrying their parents and parts), their model pages.
    expect(small.extensions?.cypherQueries).toBe(3);
    expect(large.extensions?.cypherQueries).toBe(3);
  });

  it('joins neighbourhoods and paths with DEVELOPED_BY and PART_OF relationships', async () => {
    const { data } = await server.gql<{
      neighborhood: { nodes: { id: string }[]; edges: { type: string; from: string; to: string }[] };
      path: { nodes: { id: string }[]; edges: { type: string }[] };
    }>(`{
      neighborhood(id: "google-research") { nodes { id } edges { type from to } }
      path(from: "google-deepmind", to: "alphabet") { nodes { id } edges { type } }
    }`);
    expect(data?.neighborhood.edges).toContainEqual({ type: 'PART_OF', from: 'google-research', to: 'google' });
    const developed = modelsOf(['google-research']);
    expect(data?.neighborhood.edges.filter((e) => e.type === 'DEVELOPED_BY').map((e) => e.from).sort()).toEqual(developed);
    expect(data?.path.edges.map((e) => e.type)).toEqual(['PART_OF', 'PART_OF']);
  });
});
