import { get as httpGet } from 'node:http';
import { parse as parseCsv } from 'csv-parse/sync';
import cytoscape from 'cytoscape';
import { XMLParser } from 'fast-xml-parser';
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { DERIVED_PROPERTIES } from '../../src/db/derived-properties.js';
import { NEIGHBORHOOD_NODE_LIMIT } from '../../src/db/traversal.js';
import { EXPECTED, EXPECTED_STATS } from '../expected.js';
import { useTestServer } from '../harness.js';

interface Download {
  status: number;
  headers: Headers;
  body: Buffer;
}

const SAMPLE_IDS = ['esm-2', 'chembl', 'google-research', 'drug-discovery'];
const entityCount = EXPECTED.labels['Entity']!;
const resultCount = EXPECTED.labels['Result']!;
/** The exports hold the entities and the benchmark results (which are no entities). */
const nodeCount = entityCount + resultCount;
const relationshipCount = EXPECTED_STATS.relationships;
const labels = Object.keys(EXPECTED.labels).filter((label) => label !== 'Entity');

/**
 * What cypher/derived/ stores (search keys, folded copies, counts, sort keys) helps search and sorting and is no
 * fact: no export may carry it, while the facts (a model's name and year) stay.
 */
function expectFactsOnly(names: Iterable<string>, where: string): void {
  const written = new Set(names);
  expect(DERIVED_PROPERTIES.filter((name) => written.has(name)), where).toEqual([]);
  expect(written.has('name') && written.has('year'), where).toBe(true);
}

/** The properties without those cypher/derived/ stores. */
function factsOf(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([key]) => !DERIVED_PROPERTIES.includes(key)));
}

/** Every file of a zip, by name, read with yauzl. */
function unzip(buffer: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const files = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

interface GraphmlFile {
  key: { id: string; for: string; 'attr.name': string; 'attr.type': string }[];
  graph: {
    data: { key: string; '#text': unknown }[];
    node: { id: string; data: { key: string; '#text': unknown }[] }[];
    edge: { source: string; target: string; data: { key: string; '#text': unknown }[] }[];
  };
}

/** A GraphML file as fast-xml-parser reads it, its values typed as the text allows (`true`, 42). */
function readGraphml(body: Buffer): GraphmlFile {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ['key', 'node', 'edge', 'data'].includes(name),
  });
  return (parser.parse(body.toString('utf8')) as { graphml: GraphmlFile }).graphml;
}

describe('exports', () => {
  const server = useTestServer();
  const origin = (): string => new URL(server.url).origin;
  let version = '';
  /** The sample entities' stored facts, straight from the graph (their properties but those cypher/derived/ stores). */
  const sample = new Map<string, Record<string, unknown>>();
  /** Relationships per type and the DEVELOPED_BY ranks of ESM-2, straight from the graph. */
  let esmOrganizations: string[] = [];
  /** One benchmark result as stored, with the model that achieved it and its dataset. */
  let result: { id: string; properties: Record<string, unknown>; model: string; dataset: string };

  /** A GET on a connection of its own: reading a large export can outlast the server's keep-alive timeout. */
  function download(path: string, headers: Record<string, string> = {}): Promise<Download> {
    return new Promise((resolve, reject) => {
      const request = httpGet(new URL(path, server.url), { headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') answerHeaders.set(name, value);
          resolve({ status: response.statusCode ?? 0, headers: answerHeaders, body: Buffer.concat(chunks) });
        });
        response.on('error', reject);
      });
      request.on('error', reject);
    });
  }

  beforeAll(async () => {
    const [release] = await server.db.read("MATCH (r:Release {id: 'release'}) RETURN r.version AS version");
    version = String(release!['version']);
    for (const row of await server.db.read('UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, properties(n) AS p', { ids: SAMPLE_IDS })) {
      sample.set(String(row['id']), factsOf(row['p'] as Record<string, unknown>));
    }
    const ranked = await server.db.read("MATCH (:Model {id: 'esm-2'})-[r:DEVELOPED_BY]->(o) RETURN o.id AS id ORDER BY r.rank");
    esmOrganizations = ranked.map((row) => String(row['id']));
    const [stored] = await server.db.read(
      'MATCH (m:Model)-[:ACHIEVED]->(r:Result)-[:ON]->(d:Dataset) WHERE r.unit IS NOT NULL RETURN r.id AS id, properties(r) AS p, m.id AS model, d.id AS dataset ORDER BY r.id LIMIT 1',
    );
    result = { id: String(stored!['id']), properties: stored!['p'] as Record<string, unknown>, model: String(stored!['model']), dataset: String(stored!['dataset']) };
  });

  function expectStamped(file: Download, extension: string, contentType: string): void {
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain(contentType);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="biofm-graph-${version}.${extension}"`);
  }

  it('writes GraphML that a GraphML reader loads with every node, relationship and property', async () => {
    const file = await download('/export/graph.graphml');
    expectStamped(file, 'graphml', 'application/graphml+xml');
    const { graph, key } = readGraphml(file.body);
    expect(graph.data.find((d) => d.key === 'g_version')?.['#text']).toBe(version);
    expect(graph.data.find((d) => d.key === 'g_truncated')?.['#text']).toBe(false);
    expect(graph.node).toHaveLength(nodeCount);
    expect(graph.edge).toHaveLength(relationshipCount);
    const keyName = new Map(key.map((k) => [k.id, k['attr.name']]));
    const nodeData = (id: string): Record<string, unknown> =>
      Object.fromEntries(graph.node.find((n) => n.id === id)!.data.map((d) => [keyName.get(d.key), d['#text']]));
    const esm = nodeData('esm-2');
    const stored = sample.get('esm-2')!;
    expect(esm['label']).toBe('Model');
    expect(esm['name']).toBe(stored['name']);
    expect(esm['year']).toBe(stored['year']);
    expect(esm['parameters']).toBe(stored['parameters']);
    expect(JSON.parse(String(esm['modalities']))).toEqual(stored['modalities']);
    expect(key.find((k) => k['attr.name'] === 'year')?.['attr.type']).toBe('long');
    expectFactsOnly(key.filter((k) => k['for'] === 'node').map((k) => k['attr.name']), 'GraphML keys');
    expect(nodeData('chembl')['url']).toBe(sample.get('chembl')!['url']);
    expect(nodeData(result.id)).toMatchObject({ label: 'Result', metric: result.properties['metric'], value: result.properties['value'], setting: result.properties['setting'] });
    expect(graph.node.filter((n) => n.data.some((d) => d.key === 'label' && d['#text'] === 'Result'))).toHaveLength(resultCount);
    const types = new Map<string, number>();
    for (const edge of graph.edge) {
      const type = String(edge.data.find((d) => d.key === 'type')?.['#text']);
      types.set(type, (types.get(type) ?? 0) + 1);
    }
    expect(Object.fromEntries(types)).toEqual(EXPECTED.relationships);
  });

  it('writes JSON Lines: the release, then one entity per line, then one relationship per line', async () => {
    const file = await download('/export/graph.jsonl');
    expectStamped(file, 'jsonl', 'application/jsonlines');
    const lines = file.body.toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ type: 'release', version });
    const nodes = lines.filter((line) => line['type'] === 'node');
    const relationships = lines.filter((line) => line['type'] === 'relationship');
    expect(nodes).toHaveLength(nodeCount);
    expect(relationships).toHaveLength(relationshipCount);
    expect(lines.findIndex((line) => line['type'] === 'relationship')).toBe(1 + nodeCount);
    for (const id of SAMPLE_IDS) expect(nodes.find((node) => node['id'] === id)?.['properties']).toEqual(sample.get(id));
    expectFactsOnly(nodes.flatMap((node) => Object.keys(node['properties'] as Record<string, unknown>)), 'JSON Lines properties');
    expect(nodes.filter((node) => (node['labels'] as string[]).includes('Result'))).toHaveLength(resultCount);
    expect(nodes.find((node) => node['id'] === result.id)).toEqual({ type: 'node', id: result.id, labels: ['Result'], properties: result.properties });
    expect(relationships.filter((r) => r['end'] === result.id || r['start'] === result.id).map((r) => [r['start'], r['label'], r['end']])).toEqual([
      [result.model, 'ACHIEVED', result.id],
      [result.id, 'ON', result.dataset],
    ]);
    const developers = relationships.filter((r) => r['label'] === 'DEVELOPED_BY' && r['start'] === 'esm-2');
    expect(developers.sort((a, b) => Number((a['properties'] as { rank: number }).rank) - Number((b['properties'] as { rank: number }).rank)).map((r) => r['end'])).toEqual(esmOrganizations);
  });

  it('writes Cytoscape JSON that cytoscape.js loads', async () => {
    const file = await download('/export/graph.cyjs');
    expectStamped(file, 'cyjs', 'application/json');
    const json = JSON.parse(file.body.toString('utf8')) as { data: { release: { version: string }; truncated: boolean }; elements: cytoscape.ElementsDefinition };
    expect(json.data.release.version).toBe(version);
    expect(json.data.truncated).toBe(false);
    const cy = cytoscape({ headless: true, elements: json.elements });
    expect(cy.nodes()).toHaveLength(nodeCount);
    expect(cy.edges()).toHaveLength(relationshipCount);
    expect(cy.getElementById('esm-2').data('name')).toBe(sample.get('esm-2')!['name']);
    expectFactsOnly(cy.nodes().map((node) => Object.keys(node.data() as Record<string, unknown>)).flat(), 'Cytoscape data');
    expect(cy.getElementById('esm-2').outgoers('edge[interaction = "DEVELOPED_BY"]').targets().map((n) => n.id()).sort()).toEqual([...esmOrganizations].sort());
    for (const [label, count] of Object.entries(EXPECTED.labels).filter(([label]) => label !== 'Entity')) {
      expect(cy.nodes(`[label = "${label}"]`)).toHaveLength(count);
    }
  });

  it('writes JSON-LD that a JSON-LD processor expands into schema.org entities and their links', async () => {
    const file = await download('/export/graph.jsonld');
    expectStamped(file, 'jsonld', 'application/ld+json');
    const expanded = await jsonld.expand(JSON.parse(file.body.toString('utf8')) as jsonld.JsonLdDocument);
    const S = 'https://schema.org/';
    const entityUrl = (id: string): string => `${origin()}/entity/${id}`;
    const entities = expanded.filter((node) => String(node['@id']).startsWith(`${origin()}/entity/`));
    expect(entities).toHaveLength(entityCount);
    const dataset = expanded.find((node) => node['@id'] === `${origin()}/export/graph.jsonld`)!;
    expect(dataset['@type']).toEqual([`${S}Dataset`]);
    expect(dataset[`${S}version`]).toEqual([{ '@value': version }]);
    const count = (property: string): number =>
      entities.reduce((sum, node) => {
        const values = (node[property] ?? []) as { '@list'?: unknown[] }[];
        return sum + values.reduce((inner, value) => inner + (value['@list'] ? value['@list'].length : 1), 0);
      }, 0);
    expect(count(`${S}isBasedOn`)).toBe(EXPECTED.relationships['BASED_ON']);
    expect(count(`${S}creator`)).toBe(EXPECTED.relationships['DEVELOPED_BY']);
    expect(count(`${S}parentOrganization`)).toBe(EXPECTED.relationships['PART_OF']);
    expect(count(`${S}hasDefinedTerm`)).toBe(EXPECTED.relationships['HAS_TASK']);
    expect(count(`${origin()}/vocab#trainedOn`)).toBe(EXPECTED.relationships['TRAINED_ON']);
    const esm = entities.find((node) => node['@id'] === entityUrl('esm-2'))!;
    expect(esm['@type']).toEqual([`${S}SoftwareApplication`, `${S}CreativeWork`]);
    expect(esm[`${S}name`]).toEqual([{ '@value': sample.get('esm-2')!['name'] }]);
    expect(esm[`${S}creator`]).toEqual([{ '@list': esmOrganizations.map((id) => ({ '@id': entityUrl(id) })) }]);
    const citation = (esm[`${S}citation`] as Record<string, unknown>[])[0]!;
    expect(citation['@type']).toEqual([`${S}ScholarlyArticle`]);
    expect(citation[`${S}name`]).toEqual([{ '@value': sample.get('esm-2')!['paperTitle'] }]);
    const chembl = entities.find((node) => node['@id'] === entityUrl('chembl'))!;
    expect(chembl['@type']).toEqual([`${S}Dataset`]);
    expect(entities.find((node) => node['@id'] === entityUrl('google-research'))!['@type']).toEqual([`${S}Organization`]);
    const vocabulary = `${origin()}/vocab#`;
    const terms = entities.flatMap((node) => Object.keys(node)).map((term) => term.replace(S, '').replace(vocabulary, ''));
    expectFactsOnly(terms, 'JSON-LD terms');

    const V = `${origin()}/vocab#`;
    const resultUrl = (id: string): string => `${origin()}/export/graph.jsonld#${id}`;
    const results = expanded.filter((node) => (node['@type'] as string[]).includes(`${V}Result`));
    expect(results).toHaveLength(resultCount);
    expect(count(`${V}achieved`)).toBe(EXPECTED.relationships['ACHIEVED']);
    const stored = result.properties;
    const one = results.find((node) => node['@id'] === resultUrl(result.id))!;
    expect(one[`${S}value`]).toEqual([{ '@value': stored['value'] }]);
    expect(one[`${S}unitText`]).toEqual([{ '@value': stored['unit'] }]);
    expect(one[`${V}metric`]).toEqual([{ '@value': stored['metric'] }]);
    expect(one[`${V}setting`]).toEqual([{ '@value': stored['setting'] }]);
    expect(one[`${V}on`]).toEqual([{ '@id': entityUrl(result.dataset) }]);
    expect((one[`${S}citation`] as Record<string, unknown>[])[0]![`${S}name`]).toEqual([{ '@value': stored['sourceTitle'] }]);
    const achiever = entities.find((node) => node['@id'] === entityUrl(result.model))!;
    expect(achiever[`${V}achieved`]).toContainEqual({ '@id': resultUrl(result.id) });
  });

  it('writes CSV files in the neo4j-admin import format, one per label and relationship type, stamped', async () => {
    const file = await download('/export/graph.csv.zip');
    expectStamped(file, 'csv.zip', 'application/zip');
    const files = await unzip(file.body);
    expect(JSON.parse(files.get('release.json')!)).toMatchObject({ version });
    expect(files.get('README.txt')).toContain('neo4j-admin database import full');
    for (const label of labels) {
      const rows = parseCsv(files.get(`nodes-${label}.csv`)!, { columns: true }) as Record<string, string>[];
      expect(rows, label).toHaveLength(EXPECTED.labels[label]!);
      expect(rows.every((row) => row[':LABEL'] === (label === 'Result' ? 'Result' : `Entity;${label}`))).toBe(true);
    }
    for (const [type, count] of Object.entries(EXPECTED.relationships)) {
      const rows = parseCsv(files.get(`relationships-${type}.csv`)!, { columns: true }) as Record<string, string>[];
      expect(rows, type).toHaveLength(count);
    }
    const columns = labels.flatMap((label) => files.get(`nodes-${label}.csv`)!.split('\n')[0]!.split(',').map((column) => column.split(':')[0]!));
    expectFactsOnly(columns, 'CSV columns');
    const models = parseCsv(files.get('nodes-Model.csv')!, { columns: true }) as Record<string, string>[];
    const esm = models.find((row) => row['id:ID'] === 'esm-2')!;
    const stored = sample.get('esm-2')!;
    expect(esm['name']).toBe(stored['name']);
    expect(Number(esm['year:long'])).toBe(stored['year']);
    expect(esm['modalities:string[]']!.split(';')).toEqual(stored['modalities']);
    expect(esm['description']).toBe(stored['description']);
    const results = parseCsv(files.get('nodes-Result.csv')!, { columns: true }) as Record<string, string>[];
    const row = results.find((r) => r['id:ID'] === result.id)!;
    expect([row['metric'], Number(row['value:double']), row['higherIsBetter:boolean'], row['sourceTitle']]).toEqual([
      result.properties['metric'],
      result.properties['value'],
      String(result.properties['higherIsBetter']),
      result.properties['sourceTitle'],
    ]);
    const developers = parseCsv(files.get('relationships-DEVELOPED_BY.csv')!, { columns: true }) as Record<string, string>[];
    expect(developers.filter((row) => row[':START_ID'] === 'esm-2').sort((a, b) => Number(a['rank:long']) - Number(b['rank:long'])).map((row) => row[':END_ID'])).toEqual(esmOrganizations);
  });

  it('describes the graph as a Croissant dataset whose record sets are the CSV files and their columns', async () => {
    const file = await download('/export/croissant.json');
    expect(file.status).toBe(200);
    const descriptor = JSON.parse(file.body.toString('utf8')) as Record<string, unknown>;
    const [dataset] = await jsonld.expand(descriptor as jsonld.JsonLdDocument);
    const S = 'https://schema.org/';
    const CR = 'http://mlcommons.org/croissant/';
    expect(dataset!['@type']).toEqual([`${S}Dataset`]);
    expect(dataset![`${S}version`]).toMatchObject([{ '@value': version }]);
    expect(dataset!['http://purl.org/dc/terms/conformsTo']).toMatchObject([{ '@value': 'http://mlcommons.org/croissant/1.0' }]);
    const recordSets = dataset![`${CR}recordSet`] as Record<string, unknown>[];
    expect(recordSets).toHaveLength(labels.length + Object.keys(EXPECTED.relationships).length);
    const fieldNames = recordSets.flatMap((recordSet) => (recordSet[`${CR}field`] as Record<string, { '@value': string }[]>[]).map((field) => field[`${S}name`]![0]!['@value']));
    expectFactsOnly(fieldNames.map((name) => name.split(':')[0]!), 'Croissant fields');
    const zip = await unzip((await download('/export/graph.csv.zip')).body);
    for (const recordSet of recordSets) {
      for (const field of recordSet[`${CR}field`] as Record<string, unknown>[]) {
        const source = (field[`${CR}source`] as Record<string, unknown>[])[0]!;
        const fileId = ((source[`${CR}fileObject`] as { '@id': string }[])[0]!)['@id'];
        const column = ((source[`${CR}extract`] as Record<string, { '@value': string }[]>[])[0]![`${CR}column`]!)[0]!['@value'];
        const header = zip.get(fileId.split('/').pop()!)!.split('\n')[0]!.split(',');
        expect(header, fileId).toContain(column);
      }
    }
    const contentUrls = (dataset![`${S}distribution`] as Record<string, { '@value': string }[]>[]).flatMap((d) => d[`${S}contentUrl`] ?? []);
    for (const { '@value': url } of contentUrls) expect((await download(new URL(url).pathname)).status, url).toBe(200);
  });

  it('exports a neighbourhood and a path with the API limits, as GraphML, JSON and Cytoscape JSON', async () => {
    const api = await server.gql<{ neighborhood: { nodes: { id: string }[]; edges: unknown[]; truncated: boolean }; path: { nodes: { id: string }[] } }>(
      '{ neighborhood(id: "esm-2", depth: 2) { nodes { id } edges { type } truncated } path(from: "esm-2", to: "chembl") { nodes { id } } }',
    );
    const json = await download('/export/subgraph.json?around=esm-2&depth=2');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toBe(`attachment; filename="biofm-graph-subgraph-${version}.json"`);
    const body = JSON.parse(json.body.toString('utf8')) as { release: { version: string }; nodes: { id: string }[]; edges: unknown[]; truncated: boolean };
    expect(body.release.version).toBe(version);
    expect(body.nodes.map((n) => n.id).sort()).toEqual(api.data!.neighborhood.nodes.map((n) => n.id).sort());
    expect(body.edges).toHaveLength(api.data!.neighborhood.edges.length);
    expect(body.truncated).toBe(api.data!.neighborhood.truncated);

    const cyjs = JSON.parse((await download('/export/subgraph.cyjs?path=esm-2,chembl')).body.toString('utf8')) as { elements: cytoscape.ElementsDefinition };
    const cy = cytoscape({ headless: true, elements: cyjs.elements });
    expect(cy.nodes().map((n) => n.id()).sort()).toEqual(api.data!.path.nodes.map((n) => n.id).sort());
    const graphml = (await download('/export/subgraph.graphml?around=chembl')).body.toString('utf8');
    expect(graphml).toContain('<node id="chembl">');

    const tooDeep = await download('/export/subgraph.json?around=esm-2&depth=4');
    expect(tooDeep.status).toBe(400);
    expect(JSON.parse(tooDeep.body.toString('utf8'))).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', argument: 'depth' } }] });
    const tooLong = await download('/export/subgraph.json?path=esm-2,chembl&maxHops=7');
    expect(JSON.parse(tooLong.body.toString('utf8'))).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', argument: 'maxHops' } }] });
    const neither = await download('/export/subgraph.json');
    expect(neither.status).toBe(400);
    const misspelt = await download('/export/subgraph.json?around=esm-2&depth%5Bx%5D=2');
    expect(misspelt.status).toBe(400);
    expect(JSON.parse(misspelt.body.toString('utf8'))).toMatchObject({
      errors: [{ message: 'around= takes only around and depth, got "depth[x]"', extensions: { code: 'BAD_USER_INPUT', argument: 'depth[x]' } }],
    });
    for (const [path, message, argument] of [
      ['/export/subgraph.cyjs?around=No-Such-Entity', 'around: no entity has the id "no-such-entity"', 'around'],
      ['/export/subgraph.json?path=esm-2,nope', 'path: no entity has the id "nope"', 'path'],
      ['/export/subgraph.graphml?path=nope,esm-2', 'path: no entity has the id "nope"', 'path'],
      ['/export/subgraph.json?path=esm-2,chembl&maxHops=1', 'maxHops: no path of at most 1 relationships joins "esm-2" and "chembl" (maxHops may be up to 6)', 'maxHops'],
    ] as const) {
      const unknown = await download(path);
      expect(unknown.status, path).toBe(404);
      expect(unknown.headers.get('cache-control'), path).toBe('no-store');
      expect(JSON.parse(unknown.body.toString('utf8')), path).toEqual({ errors: [{ message, extensions: { code: 'NOT_FOUND', argument } }] });
    }
    // As GraphQL's path does, an unknown id near a name says which entity was probably meant.
    const misspeltEnd = await download('/export/subgraph.json?path=esm2,chembl');
    expect(misspeltEnd.status).toBe(404);
    expect(JSON.parse(misspeltEnd.body.toString('utf8'))).toEqual({
      errors: [{ message: 'path: no entity has the id "esm2"; did you mean "esm-2" (ESM-2)?', extensions: { code: 'NOT_FOUND', argument: 'path', suggestion: 'esm-2' } }],
    });
    const misspeltCentre = await download('/export/subgraph.cyjs?around=geneformr');
    expect(JSON.parse(misspeltCentre.body.toString('utf8'))).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND', argument: 'around', suggestion: 'geneformer' } }] });
    for (const path of ['/export/subgraph.xlsx?around=esm-2', '/export/graph.xml', '/export/nothing']) {
      const missing = await download(path);
      expect(missing.status, path).toBe(404);
      expect(missing.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(missing.headers.get('cache-control'), path).toBe('no-store');
      expect(JSON.parse(missing.body.toString('utf8')), path).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    }
  });

  it('stamps the release\'s seededAt as GraphQL prints it, with three digits of milliseconds', async () => {
    const api = await server.gql<{ release: { seededAt: string } }>('{ release { seededAt } }');
    const { seededAt } = api.data!.release;
    expect(seededAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const json = JSON.parse((await download('/export/subgraph.json?around=chembl')).body.toString('utf8')) as { release: { seededAt: string } };
    const cyjs = JSON.parse((await download('/export/subgraph.cyjs?around=chembl')).body.toString('utf8')) as { data: { release: { seededAt: string } } };
    const { graph } = readGraphml((await download('/export/subgraph.graphml?around=chembl')).body);
    const croissant = JSON.parse((await download('/export/croissant.json')).body.toString('utf8')) as { datePublished: string };
    expect([json.release.seededAt, cyjs.data.release.seededAt, graph.data.find((d) => d.key === 'g_seededAt')?.['#text'], croissant.datePublished]).toEqual(
      [seededAt, seededAt, seededAt, seededAt],
    );
  });

  it('says in Cytoscape JSON and GraphML whether the node limit cut a neighbourhood, as the API does', async () => {
    const api = await server.gql<Record<'wide' | 'small', { nodes: unknown[]; truncated: boolean }>>(
      '{ wide: neighborhood(id: "esm-2", depth: 2) { nodes { id } truncated } small: neighborhood(id: "chembl") { nodes { id } truncated } }',
    );
    expect(api.data!.wide).toMatchObject({ nodes: { length: NEIGHBORHOOD_NODE_LIMIT }, truncated: true });
    expect(api.data!.small.truncated).toBe(false);
    for (const [query, { nodes, truncated }] of [['around=esm-2&depth=2', api.data!.wide], ['around=chembl', api.data!.small]] as const) {
      const cyjs = JSON.parse((await download(`/export/subgraph.cyjs?${query}`)).body.toString('utf8')) as { data: { truncated: boolean }; elements: { nodes: unknown[] } };
      expect(cyjs.data.truncated, query).toBe(truncated);
      expect(cyjs.elements.nodes, query).toHaveLength(nodes.length);
      const { graph, key } = readGraphml((await download(`/export/subgraph.graphml?${query}`)).body);
      expect(key.find((k) => k.id === 'g_truncated'), query).toEqual({ id: 'g_truncated', for: 'graph', 'attr.name': 'truncated', 'attr.type': 'boolean' });
      expect(graph.data.find((d) => d.key === 'g_truncated')?.['#text'], query).toBe(truncated);
      expect(graph.node, query).toHaveLength(nodes.length);
    }
  });

  it('leaves out what cypher/derived/ stores, which the graph holds, from neighbourhoods and paths as well', async () => {
    // The folded copies are stored only where folding changes a text, so not every derived property need be there.
    const [stored] = await server.db.read('MATCH (n:Entity) UNWIND keys(n) AS key RETURN collect(DISTINCT key) AS keys');
    expect(stored!['keys']).toEqual(expect.arrayContaining(['searchKeys', 'searchKind', 'nameKey', 'derivativeCount', 'trainedModelCount']));

    const json = JSON.parse((await download('/export/subgraph.json?around=esm-2&depth=2')).body.toString('utf8')) as { nodes: Record<string, unknown>[] };
    expectFactsOnly(json.nodes.flatMap((node) => Object.keys(node)), 'subgraph JSON');
    expect(json.nodes.find((node) => node['id'] === 'esm-2')).toEqual({ ...sample.get('esm-2'), label: 'Model' });
    const cyjs = JSON.parse((await download('/export/subgraph.cyjs?path=esm-2,chembl')).body.toString('utf8')) as { elements: cytoscape.ElementsDefinition };
    expectFactsOnly(cyjs.elements.nodes.flatMap((node) => Object.keys(node.data)), 'subgraph Cytoscape data');
    const graphml = (await download('/export/subgraph.graphml?around=esm-2')).body.toString('utf8');
    expectFactsOnly([...graphml.matchAll(/<key id="n_[^"]*" for="node" attr\.name="([^"]+)"/g)].map((match) => match[1]!), 'subgraph GraphML keys');
  });

  it('takes ids in any case, as the API does', async () => {
    const lower = JSON.parse((await download('/export/subgraph.json?around=esm-2')).body.toString('utf8')) as { nodes: { id: string }[] };
    const upper = await download('/export/subgraph.json?around=ESM-2');
    expect(upper.status).toBe(200);
    expect((JSON.parse(upper.body.toString('utf8')) as { nodes: { id: string }[] }).nodes).toEqual(lower.nodes);
    const path = await download('/export/subgraph.json?path=ESM-2,ChEMBL');
    expect(path.status).toBe(200);
    const ids = (JSON.parse(path.body.toString('utf8')) as { nodes: { id: string }[] }).nodes.map((node) => node.id);
    expect(ids).toContain('esm-2');
    expect(ids).toContain('chembl');
  });
});
