import { describe, expect, it } from 'vitest';
import { DERIVED_PROPERTIES, propertiesSetBy } from '../../src/db/derived-properties.js';

describe('propertiesSetBy', () => {
  it('reads every item of every SET clause, whatever its value holds', () => {
    const script = [
      '// SET n.inComment = 1',
      'MATCH (m:Model)',
      'SET m.count = COUNT { MATCH (m)<-[:BASED_ON]-(d) WHERE d.year = 2020 RETURN d },',
      "    m.key = toLower(m.name), m.list = [x IN [m.a, m.b] WHERE x <> 'SET n.inString = 1' | x];",
      'MATCH (n:Entity)',
      'WITH n, CASE WHEN n.a IS NULL THEN 0 ELSE 1 END AS a',
      'SET n.first = a, n:Labelled',
      'WITH n, a',
      'WHERE n.notSet = a',
      'MERGE (n)-[r:LINKED]->(n) ON CREATE SET r.created = 1',
    ].join('\n');
    expect(propertiesSetBy(script)).toEqual(['count', 'created', 'first', 'key', 'list']);
  });

  it('refuses a SET whose property names it cannot read, rather than let one through', () => {
    expect(() => propertiesSetBy('MATCH (n) SET n += {a: 1}')).toThrow(/cannot tell which property/);
    expect(() => propertiesSetBy("MATCH (n) SET n['a'] = 1")).toThrow(/cannot tell which property/);
  });
});

describe('DERIVED_PROPERTIES', () => {
  it("names the search, sort and count helpers of cypher/derived/ and none of the facts' properties", () => {
    expect(DERIVED_PROPERTIES).toEqual(
      expect.arrayContaining(['searchKeys', 'searchKind', 'searchLinks', 'searchDegree', 'topics', 'foldedName', 'nameKey', 'derivativeCount', 'trainedModelCount']),
    );
    for (const fact of ['id', 'name', 'aliases', 'description', 'year', 'modalities', 'modality']) expect(DERIVED_PROPERTIES).not.toContain(fact);
  });
});
