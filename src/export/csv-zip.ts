/**
 * CSV node and relationship files in the `neo4j-admin database import` header format, one file per label and
 * per relationship type, zipped as they are written (yazl reads each file's stream only when its turn comes),
 * with the release and the import command beside them.
 */
import { Readable } from 'node:stream';
import yazl from 'yazl';
import type { PropertyType, PropertyTypes } from '../db/graph-export.js';
import type { ExportLabel } from '../db/rows.js';
import type { PlainValue } from '../db/values.js';
import type { ExportGraph } from './export-graph.js';
import { releaseStamp } from './release-stamp.js';

/** neo4j-admin's default array delimiter. */
const ARRAY_DELIMITER = ';';

function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function field(value: PlainValue | undefined, type: PropertyType): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return quoted(value.map((item) => String(item)).join(ARRAY_DELIMITER));
  return type === 'string' ? quoted(String(value)) : String(value);
}

function header(columns: string[]): string {
  return `${columns.join(',')}\n`;
}

/**
 * The file of one label: `id:ID` (one id space: ids are unique across kinds, results included), the properties,
 * `:LABEL` (Entity and the kind for an entity; Result alone for a result, which is no entity).
 */
export function nodeFileName(label: string): string {
  return `nodes-${label}.csv`;
}

export function relationshipFileName(type: string): string {
  return `relationships-${type}.csv`;
}

/** The header columns of a node file (e.g. `id:ID`, `name`, `year:long`, `:LABEL`). */
export function nodeColumns(types: PropertyTypes): string[] {
  return [...[...types].map(([name, type]) => (name === 'id' ? 'id:ID' : type === 'string' ? name : `${name}:${type}`)), ':LABEL'];
}

export function relationshipColumns(types: PropertyTypes): string[] {
  return [':START_ID', ':END_ID', ':TYPE', ...[...types].map(([name, type]) => (type === 'string' ? name : `${name}:${type}`))];
}

async function* nodeFile(graph: ExportGraph, label: ExportLabel, types: PropertyTypes): AsyncGenerator<string> {
  yield header(nodeColumns(types));
  const labels = label === 'Result' ? label : `Entity${ARRAY_DELIMITER}${label}`;
  for await (const node of graph.nodes(label)) {
    const row = node as unknown as Record<string, PlainValue>;
    yield `${[...[...types].map(([name, type]) => field(row[name], type)), labels].join(',')}\n`;
  }
}

async function* relationshipFile(graph: ExportGraph, type: string, types: PropertyTypes): AsyncGenerator<string> {
  yield header(relationshipColumns(types));
  for await (const edge of graph.relationships(type)) {
    const values = [...types].map(([name, propertyType]) => field(edge.properties[name], propertyType));
    yield `${[quoted(edge.from), quoted(edge.to), type, ...values].join(',')}\n`;
  }
}

function importCommand(graph: ExportGraph): string {
  const nodes = [...graph.schema.labels.keys()].map((label) => `  --nodes=${nodeFileName(label)} \\\n`).join('');
  const relationships = [...graph.schema.types.keys()].map((type) => `  --relationships=${relationshipFileName(type)} \\\n`).join('');
  return (
    `biofm-graph release ${graph.release.version} (${graph.release.seededAt})\n${graph.release.source}\n\n` +
    'Import into a new, empty database with neo4j-admin (Neo4j 5), from this folder (the database name comes\n' +
    'first: --nodes and --relationships take several files each):\n\n' +
    `neo4j-admin database import full neo4j --multiline-fields=true \\\n${nodes}${relationships}`.replace(/ \\\n$/, '\n')
  );
}

/** The zip as a stream; nothing is read from the graph before the client reads the first file. */
export function csvZip(graph: ExportGraph): Readable {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(releaseStamp(graph.release), null, 2)}\n`), 'release.json');
  zip.addBuffer(Buffer.from(importCommand(graph)), 'README.txt');
  for (const [label, types] of graph.schema.labels) {
    zip.addReadStream(Readable.from(nodeFile(graph, label, types)), nodeFileName(label));
  }
  for (const [type, types] of graph.schema.types) {
    zip.addReadStream(Readable.from(relationshipFile(graph, type, types)), relationshipFileName(type));
  }
  zip.end();
  return zip.outputStream as Readable;
}
