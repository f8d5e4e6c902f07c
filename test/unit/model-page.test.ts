import { describe, expect, it } from 'vitest';
import {
  edgePosition,
  modelCountQuery,
  modelPageParams,
  modelPageQuery,
  plainModelPageQuery,
  toModelPage,
  type PageArgs,
} from '../../src/db/model-page.js';

const base: PageArgs = { first: 2, after: null, filter: {}, order: [{ field: 'NAME', direction: 'ASC' }], properties: [], carried: [] };

describe('modelPageQuery', () => {
  it('sorts missing values last and ends with the id', () => {
    const query = modelPageQuery('all', { ...base, order: [{ field: 'YEAR', direction: 'DESC' }] });
    expect(query).toContain('ORDER BY m.year IS NULL, m.year DESC, m.id DESC');
  });

  it('carries the properties asked for and no others, and refuses one that is not a stored property', () => {
    const query = modelPageQuery('all', { ...base, properties: ['paperUrl', 'year'] });
    expect(query).toContain('m {.id, .name, .paperUrl, .year, nameKey: toLower(m.name)}');
    expect(() => modelPageQuery('all', { ...base, properties: ['name} DETACH DELETE m //'] })).toThrow(/is not a stored property/);
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

  it('continues after a present value with ties by id, then larger values and missing ones', () => {
    const query = modelPageQuery('all', { ...base, order: [{ field: 'PARAMETERS', direction: 'ASC' }], after: { values: [100], id: 'x' } });
    expect(query).toContain(
      '((m.parameters = $after.values[0] AND m.id > $after.id) OR ((m.parameters > $after.values[0] OR m.parameters IS NULL)))',
    );
  });

  it('leaves out the missing-value handling for fields that cannot be missing', () => {
    const byName = modelPageQuery('all', { ...base, after: { values: ['esm'], id: 'esm-2' } });
    expect(byName).toContain('ORDER BY toLower(m.name) ASC, m.id ASC');
    expect(byName).toContain('((toLower(m.name) = $after.values[0] AND m.id > $after.id) OR (toLower(m.name) > $after.values[0]))');
    const boundedYear = modelPageQuery('all', { ...base, filter: { yearFrom: 2019 }, order: [{ field: 'YEAR', direction: 'DESC' }] });
    expect(boundedYear).toContain('ORDER BY m.year DESC, m.id DESC');
  });

  it('breaks ties by id in the direction of the last key', () => {
    const mixed = modelPageQuery('all', {
      ...base,
      order: [{ field: 'YEAR', direction: 'DESC' }, { field: 'NAME', direction: 'ASC' }],
      after: { values: [2020, 'esm'], id: 'esm-2' },
    });
    expect(mixed).toContain('ORDER BY m.year IS NULL, m.year DESC, toLower(m.name) ASC, m.id ASC');
    expect(mixed).toContain('m.id > $after.id');
  });

  it('seeks each cursor alternative separately on an index-ordered list and joins them in page order', () => {
    const query = modelPageQuery('all', {
      ...base,
      filter: { yearFrom: 2019 },
      order: [{ field: 'YEAR', direction: 'DESC' }],
      after: { values: [2023], id: 'm-9' },
    });
    // The list of all models starts from no parent: no UNWIND of $parentIds, no parent passed to the parts.
    expect(query).not.toContain('$parentIds');
    const parts = query.split('CALL () {').slice(1);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toContain('AND m.year = $after.values[0] AND m.id < $after.id');
    expect(parts[1]).toContain('AND m.year < $after.values[0]');
    expect(parts.every((part) => part.includes('m.id IS NOT NULL') && part.includes('LIMIT $limit'))).toBe(true);
    expect(query).toContain("RETURN '' AS parentId, (part0 + part1)[0..$limit] AS page");
  });

  it('says a seek key is present only where the filter does not bound it already', () => {
    const byYear = modelPageQuery('all', { ...base, filter: { yearTo: 2020 }, order: [{ field: 'YEAR', direction: 'ASC' }] });
    expect(byYear).toContain('m.year <= $filter.yearTo');
    expect(byYear).not.toContain('m.year IS NOT NULL');
    const byDerivatives = modelPageQuery('all', { ...base, filter: { yearTo: 2020 }, order: [{ field: 'DERIVATIVES', direction: 'DESC' }] });
    expect(byDerivatives).toContain('m.derivativeCount IS NOT NULL');
    expect(byDerivatives).toContain('m.id IS NOT NULL');
  });

  it('keeps one pass with the alternatives joined by OR where no index orders the list', () => {
    const args: PageArgs = { ...base, order: [{ field: 'YEAR', direction: 'DESC' }], after: { values: [2023], id: 'm-9' } };
    for (const [query, call, answer] of [
      [modelPageQuery('all', args), 'CALL () {', "RETURN '' AS parentId, part0 AS page"],
      [modelPageQuery('domain', { ...args, filter: { yearFrom: 2019 } }), 'CALL (parentId) {', 'RETURN parentId, part0 AS page'],
    ] as const) {
      expect(query.split(call)).toHaveLength(2);
      expect(query).not.toContain('m.id IS NOT NULL');
      expect(query).toContain(answer);
    }
    expect(modelPageQuery('domain', args)).toMatch(/^UNWIND \$parentIds AS parentId\n/);
  });
});

describe('modelPageParams', () => {
  it('sends a statement only the parameters it reads', () => {
    const filter = { yearFrom: 2019 };
    expect(modelPageParams('all', { ...base, filter }, [''], [])).toEqual({ filter, limit: 3 });
    const after = { values: [2023], id: 'm-9' };
    const carried = [{ filter: {}, limit: 11 }];
    expect(modelPageParams('domain', { ...base, filter, after }, ['nlp', 'ehr'], carried)).toEqual({
      parentIds: ['nlp', 'ehr'],
      filter,
      after,
      limit: 3,
      carried,
    });
  });
});

describe('plainModelPageQuery', () => {
  // Shapes that differ in one thing each: the set filters, the order, a cursor's missing values, the properties.
  const shapes: [string, PageArgs][] = [
    ['all by name', base],
    ['a year filter', { ...base, filter: { yearFrom: 2019 } }],
    ['a year filter and a domain', { ...base, filter: { domain: 'drug-discovery', yearFrom: 2019 } }],
    ['by year', { ...base, order: [{ field: 'YEAR', direction: 'DESC' }] }],
    ['after a year', { ...base, order: [{ field: 'YEAR', direction: 'DESC' }], after: { values: [2023], id: 'm-9' } }],
    ['after a missing year', { ...base, order: [{ field: 'YEAR', direction: 'DESC' }], after: { values: [null], id: 'm-9' } }],
    ['with parameters', { ...base, properties: ['parameters'] }],
  ];

  it('gives the text modelPageQuery builds, for each shape of page', () => {
    for (const [, args] of shapes) {
      for (const scope of ['all', 'domain'] as const) expect(plainModelPageQuery(scope, args)).toBe(modelPageQuery(scope, args));
    }
    expect(new Set(shapes.map(([, args]) => plainModelPageQuery('all', args))).size).toBe(shapes.length);
  });

  it('gives one text to pages that differ only in values, which travel as parameters', () => {
    const after = (values: (number | null)[], id: string, yearFrom: number): PageArgs => ({
      ...base,
      first: yearFrom - 2000,
      filter: { yearFrom },
      order: [{ field: 'YEAR', direction: 'DESC' }],
      after: { values, id },
    });
    const text = plainModelPageQuery('all', after([2023], 'm-9', 2019));
    expect(plainModelPageQuery('all', after([2021], 'x-1', 2020))).toBe(text);
    expect(text).not.toMatch(/2019|2023|m-9/);
    expect(plainModelPageQuery('all', after([null], 'm-9', 2019))).not.toBe(text);
    expect(plainModelPageQuery('task', after([2023], 'm-9', 2019))).not.toBe(text);
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
    const rows = ['a', 'b', 'c'].map((id) => ({ label: 'Model' as const, id, name: id.toUpperCase(), nameKey: id }));
    const page = toModelPage(rows, base, { scope: 'all', parentId: '', filter: {} });
    expect(page.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(edgePosition(page.edges[1]!)).toEqual({ values: ['b'], id: 'b' });
    expect(page.hasNextPage).toBe(true);
    expect(page.hasPreviousPage).toBe(false);
  });
});
