import { describe, expect, it } from 'vitest';
import { modelCountQuery, modelPageQuery, toModelPage, type PageArgs } from '../../src/db/model-page.js';

const base: PageArgs = { first: 2, after: null, filter: {}, order: [{ field: 'NAME', direction: 'ASC' }] };

describe('modelPageQuery', () => {
  it('sorts missing values last and ends with the id', () => {
    const query = modelPageQuery('all', { ...base, order: [{ field: 'YEAR', direction: 'DESC' }] });
    expect(query).toContain('ORDER BY m.year IS NULL, m.year DESC, m.id');
  });

  it('puts every filter value in parameters, never in the text', () => {
    const query = modelPageQuery('domain', { ...base, filter: { organization: "x') DETACH DELETE m //", yearFrom: 2020 } });
    expect(query).not.toContain('DETACH');
    expect(query).toContain('toLower(m.organization) = toLower($filter.organization)');
    expect(query).toContain('m.year >= $filter.yearFrom');
    expect(query).toContain('(:Domain {id: parentId})<-[:IN_DOMAIN]-(m:Model)');
  });

  it('continues after a cursor whose sort value is missing only through later keys', () => {
    const query = modelPageQuery('all', {
      ...base,
      order: [{ field: 'YEAR', direction: 'ASC' }],
      after: { values: [null], id: 'x' },
    });
    expect(query).toContain('((m.year IS NULL AND m.id > $after.id))');
  });

  it('continues after a present value with larger values, then missing ones, then ties by id', () => {
    const query = modelPageQuery('all', { ...base, order: [{ field: 'PARAMETERS', direction: 'ASC' }], after: { values: [100], id: 'x' } });
    expect(query).toContain(
      '(((m.parameters > $after.values[0] OR m.parameters IS NULL)) OR (m.parameters = $after.values[0] AND m.id > $after.id))',
    );
  });

  it('leaves out the missing-value handling for fields that cannot be missing', () => {
    const byName = modelPageQuery('all', { ...base, after: { values: ['esm'], id: 'esm-2' } });
    expect(byName).toContain('ORDER BY toLower(m.name) ASC, m.id');
    expect(byName).toContain('((toLower(m.name) > $after.values[0]) OR (toLower(m.name) = $after.values[0] AND m.id > $after.id))');
    const boundedYear = modelPageQuery('all', { ...base, filter: { yearFrom: 2019 }, order: [{ field: 'YEAR', direction: 'DESC' }] });
    expect(boundedYear).toContain('ORDER BY m.year DESC, m.id');
  });
});

describe('modelCountQuery', () => {
  it('counts per parent with the same filters and no cursor', () => {
    const query = modelCountQuery('task', { paradigm: 'generative' });
    expect(query).toContain('m.paradigm = $filter.paradigm');
    expect(query).toContain('RETURN count(m) AS total');
  });
});

describe('toModelPage', () => {
  it('keeps first rows and reports a next page when the extra row came back', () => {
    const rows = ['a', 'b', 'c'].map((id) => ({ label: 'Model' as const, id, name: id, sortValues: [id] }));
    const page = toModelPage(rows, base, { scope: 'all', parentId: '', filter: {} });
    expect(page.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(page.edges[1]!.position).toEqual({ values: ['b'], id: 'b' });
    expect(page.hasNextPage).toBe(true);
    expect(page.hasPreviousPage).toBe(false);
  });
});
