/**
 * Cytoscape JSON (.cyjs), as Cytoscape desktop and cytoscape.js read it: `elements.nodes` and `elements.edges`,
 * each property in `data`, the entity's kind as `label` and a relationship's as `interaction`; the release in
 * the network's `data`, with whether the node limit cut a neighbourhood (`truncated`, false for the whole graph and
 * a path).
 */
import { nodeProperties, type ExportGraph } from './export-graph.js';
import { releaseStamp } from './release-stamp.js';

async function* list<T>(items: AsyncIterable<T>, render: (item: T) => unknown): AsyncGenerator<string> {
  let first = true;
  for await (const item of items) {
    yield `${first ? '' : ','}\n      ${JSON.stringify(render(item))}`;
    first = false;
  }
}

export async function* cytoscapeJson(graph: ExportGraph): AsyncGenerator<string> {
  const network = { name: 'biofm-graph', shared_name: 'biofm-graph', release: releaseStamp(graph.release), truncated: graph.truncated };
  yield `{\n  "format_version": "1.0",\n  "generated_by": "biofm-graph",\n  "target_cytoscapejs_version": "~3.0",\n`;
  yield `  "data": ${JSON.stringify(network)},\n  "elements": {\n    "nodes": [`;
  yield* list(graph.nodes(), (node) => ({ data: { ...Object.fromEntries(nodeProperties(node)), id: node.id, label: node.label } }));
  yield '\n    ],\n    "edges": [';
  yield* list(graph.relationships(), (edge) => ({
    data: { ...edge.properties, id: `${edge.from} ${edge.type} ${edge.to}`, source: edge.from, target: edge.to, interaction: edge.type },
  }));
  yield '\n    ]\n  }\n}\n';
}
