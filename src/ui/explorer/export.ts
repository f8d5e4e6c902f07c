/** Exports the drawn view: PNG and SVG pictures, GraphML and Cytoscape JSON data. Everything is made in the page. */
import type { Core } from 'cytoscape';
import { download } from '../download.js';

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

export function graphml(cy: Core): string {
  const nodes = cy.nodes().not('.more').map((n) => `    <node id="${escapeXml(n.id())}"><data key="name">${escapeXml(String(n.data('name')))}</data><data key="kind">${escapeXml(String(n.data('kind')))}</data></node>`);
  const edges = cy.edges('edge:not(.more)').map((e) => `    <edge source="${escapeXml(e.source().id())}" target="${escapeXml(e.target().id())}"><data key="type">${escapeXml(String(e.data('type')))}</data></edge>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
    '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '  <key id="type" for="edge" attr.name="type" attr.type="string"/>',
    '  <graph edgedefault="directed">',
    ...nodes,
    ...edges,
    '  </graph>',
    '</graphml>',
  ].join('\n');
}

/** The drawing as SVG at model coordinates: straight edges, a circle per entity in its colour, its name below. */
export function svg(cy: Core): string {
  const box = cy.elements().boundingBox({ includeLabels: true });
  const pad = 20;
  const parts = cy.edges().map((e) => {
    const a = e.source().position();
    const b = e.target().position();
    return `<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="#b8c0cc"/>`;
  });
  for (const n of cy.nodes().toArray()) {
    const { x, y } = n.position();
    const colour = n.hasClass('more') ? '#ffffff' : String(n.data('colour'));
    parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${String(n.width() / 2)}" fill="${colour}" stroke="#1d2330" stroke-width="0.5"/>`);
    parts.push(`<text x="${x.toFixed(1)}" y="${(y + n.height() / 2 + 12).toFixed(1)}" text-anchor="middle" font-size="11" font-family="sans-serif">${escapeXml(String(n.data('name')))}</text>`);
  }
  const width = box.w + 2 * pad;
  const height = box.h + 2 * pad;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width.toFixed(0)}" height="${height.toFixed(0)}" viewBox="${(box.x1 - pad).toFixed(1)} ${(box.y1 - pad).toFixed(1)} ${width.toFixed(1)} ${height.toFixed(1)}">\n${parts.join('\n')}\n</svg>`;
}

export function exportView(cy: Core, format: string): void {
  if (format === 'png') download('biofm-graph.png', cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }));
  else if (format === 'svg') download('biofm-graph.svg', new Blob([svg(cy)], { type: 'image/svg+xml' }));
  else if (format === 'graphml') download('biofm-graph.graphml', new Blob([graphml(cy)], { type: 'application/xml' }));
  else if (format === 'json') download('biofm-graph.cyjs.json', new Blob([JSON.stringify(cy.json(), null, 2)], { type: 'application/json' }));
}
