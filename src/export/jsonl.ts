/**
 * JSON Lines, in the shape of APOC's JSON export: a first line with the release, then one entity per line, then
 * one relationship per line.
 */
import { nodeProperties, type ExportGraph } from './export-graph.js';
import { releaseStamp } from './release-stamp.js';

export async function* jsonl(graph: ExportGraph): AsyncGenerator<string> {
  yield `${JSON.stringify({ type: 'release', ...releaseStamp(graph.release) })}\n`;
  for await (const node of graph.nodes()) {
    yield `${JSON.stringify({ type: 'node', id: node.id, labels: [node.label], properties: Object.fromEntries(nodeProperties(node)) })}\n`;
  }
  for await (const edge of graph.relationships()) {
    yield `${JSON.stringify({ type: 'relationship', label: edge.type, start: edge.from, end: edge.to, properties: edge.properties })}\n`;
  }
}
