/**
 * A Croissant descriptor (MLCommons' metadata format for ML datasets, JSON-LD on schema.org) of the graph
 * itself: the release as the dataset's version, every export as a distribution, and one record set per label
 * and per relationship type whose fields are the columns of the CSV files inside graph.csv.zip.
 */
import type { ExportSchema, PropertyType, PropertyTypes } from '../db/graph-export.js';
import type { ReleaseRow } from '../db/rows.js';
import { nodeColumns, nodeFileName, relationshipColumns, relationshipFileName } from './csv-zip.js';
import { exportFileName } from './release-stamp.js';

/** The context every Croissant 1.0 file carries. */
const CROISSANT_CONTEXT = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  dct: 'http://purl.org/dc/terms/',
  examples: { '@id': 'cr:examples', '@type': '@json' },
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  parentField: 'cr:parentField',
  path: 'cr:path',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  repeated: 'cr:repeated',
  replace: 'cr:replace',
  sc: 'https://schema.org/',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
};

const DATA_TYPES: Record<string, string> = { string: 'sc:Text', long: 'sc:Integer', double: 'sc:Float', boolean: 'sc:Boolean' };

/** The downloads of the whole graph, by path under /export/: [path, encoding format, what it is]. */
export const GRAPH_DOWNLOADS: [string, string, string][] = [
  ['graph.csv.zip', 'application/zip', 'CSV node and relationship files in the neo4j-admin import format'],
  ['graph.graphml', 'application/graphml+xml', 'GraphML'],
  ['graph.jsonl', 'application/jsonlines', 'JSON Lines: the release, then one entity per line, then one relationship per line'],
  ['graph.cyjs', 'application/json', 'Cytoscape JSON'],
  ['graph.jsonld', 'application/ld+json', 'JSON-LD with schema.org types'],
];

function fields(recordSet: string, file: string, columns: string[], types: PropertyTypes): Record<string, unknown>[] {
  const typeOf = (column: string): PropertyType => types.get(column.split(':')[0]!) ?? 'string';
  return columns.map((column) => ({
    '@type': 'cr:Field',
    '@id': `${recordSet}/${column}`,
    name: column,
    dataType: DATA_TYPES[typeOf(column).replace('[]', '')] ?? 'sc:Text',
    ...(typeOf(column).endsWith('[]') && { repeated: true }),
    source: { fileObject: { '@id': file }, extract: { column } },
  }));
}

export function croissant(release: ReleaseRow, schema: ExportSchema, origin: string): Record<string, unknown> {
  const zip = 'graph.csv.zip';
  const csvFiles: Record<string, unknown>[] = [];
  const recordSets: Record<string, unknown>[] = [];
  const add = (name: string, file: string, columns: string[], types: PropertyTypes, description: string): void => {
    csvFiles.push({ '@type': 'cr:FileObject', '@id': file, name: file, containedIn: { '@id': zip }, encodingFormat: 'text/csv' });
    recordSets.push({ '@type': 'cr:RecordSet', '@id': name, name, description, field: fields(name, file, columns, types) });
  };
  for (const [label, types] of schema.labels) {
    add(label, nodeFileName(label), nodeColumns(types), types, `The ${label} entities, one per row.`);
  }
  for (const [type, types] of schema.types) {
    add(type, relationshipFileName(type), relationshipColumns(types), types, `The ${type} relationships, one per row.`);
  }
  return {
    '@context': CROISSANT_CONTEXT,
    '@type': 'sc:Dataset',
    conformsTo: 'http://mlcommons.org/croissant/1.0',
    name: 'biofm-graph',
    description: `A knowledge graph of biomedical foundation models. ${release.source}`,
    version: release.version,
    datePublished: release.seededAt,
    url: origin,
    distribution: [
      ...GRAPH_DOWNLOADS.map(([path, encodingFormat, description]) => ({
        '@type': 'cr:FileObject',
        '@id': path,
        name: exportFileName(release, 'biofm-graph', path.replace(/^graph\./, '')),
        description,
        contentUrl: `${origin}/export/${path}`,
        encodingFormat,
      })),
      ...csvFiles,
    ],
    recordSet: recordSets,
  };
}
