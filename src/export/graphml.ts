/**
 * GraphML (Gephi, Cytoscape, NetworkX, igraph): one key per property, typed; list values as JSON text (GraphML
 * has no list type); the release stamped as data of the graph, and whether the node limit cut a neighbourhood
 * (`truncated`, false for the whole graph and a path). Nodes first, then edges.
 */
import type { PropertyType, PropertyTypes } from '../db/graph-export.js';
import type { PlainValue } from '../db/values.js';
import { nodeProperties, type ExportGraph } from './export-graph.js';
import { releaseStamp } from './release-stamp.js';

const GRAPHML_TYPES: Record<PropertyType, string> = {
  string: 'string',
  long: 'long',
  double: 'double',
  boolean: 'boolean',
  'string[]': 'string',
  'long[]': 'string',
  'double[]': 'string',
  'boolean[]': 'string',
};

// Characters XML 1.0 cannot carry at all, even escaped.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function text(value: PlainValue): string {
  return Array.isArray(value) ? JSON.stringify(value) : String(value);
}

/** The union of the properties of every label (or type); a name with two types becomes a string. */
function mergedTypes(groups: Iterable<PropertyTypes>): PropertyTypes {
  const merged: PropertyTypes = new Map();
  for (const types of groups) {
    for (const [key, type] of types) {
      const known = merged.get(key);
      merged.set(key, known === undefined || known === type ? type : 'string');
    }
  }
  return merged;
}

function keys(prefix: string, scope: 'node' | 'edge', types: PropertyTypes): string[] {
  return [...types].map(
    ([name, type]) =>
      `  <key id="${prefix}${xmlEscape(name)}" for="${scope}" attr.name="${xmlEscape(name)}" attr.type="${GRAPHML_TYPES[type]}"/>\n`,
  );
}

function data(prefix: string, entries: [string, PlainValue][]): string {
  return entries.map(([key, value]) => `<data key="${prefix}${xmlEscape(key)}">${xmlEscape(text(value))}</data>`).join('');
}

export async function* graphml(graph: ExportGraph): AsyncGenerator<string> {
  const stamp = releaseStamp(graph.release);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<!-- biofm-graph, release ${xmlEscape(stamp.version)} (${xmlEscape(stamp.seededAt)}) -->\n`;
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  const graphEntries = Object.entries(stamp) as [string, string][];
  yield* graphEntries.map(([name]) => `  <key id="g_${name}" for="graph" attr.name="${name}" attr.type="string"/>\n`);
  yield '  <key id="g_truncated" for="graph" attr.name="truncated" attr.type="boolean"/>\n';
  yield '  <key id="label" for="node" attr.name="label" attr.type="string"/>\n';
  yield* keys('n_', 'node', mergedTypes(graph.schema.labels.values()));
  yield '  <key id="type" for="edge" attr.name="type" attr.type="string"/>\n';
  yield* keys('e_', 'edge', mergedTypes(graph.schema.types.values()));
  yield '  <graph id="biofm-graph" edgedefault="directed">\n';
  yield `    ${data('g_', [...graphEntries, ['truncated', graph.truncated]])}\n`;
  for await (const node of graph.nodes()) {
    yield `    <node id="${xmlEscape(node.id)}"><data key="label">${node.label}</data>${data('n_', nodeProperties(node))}</node>\n`;
  }
  for await (const edge of graph.relationships()) {
    yield `    <edge source="${xmlEscape(edge.from)}" target="${xmlEscape(edge.to)}"><data key="type">${edge.type}</data>` +
      `${data('e_', Object.entries(edge.properties))}</edge>\n`;
  }
  yield '  </graph>\n</graphml>\n';
}
