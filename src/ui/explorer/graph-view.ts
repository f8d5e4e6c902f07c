/**
 * The node–link diagram: entities coloured and shaped by kind, labelled by name, laid out by fCoSE (a force-directed
 * layout for compound graphs) with room for each label, then nudged until no two labels overlap.
 */
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';

cytoscape.use(fcose);

export type Kind = 'Domain' | 'Task' | 'Dataset' | 'Model' | 'Organization';

export interface GraphNode { __typename: Kind; id: string; name: string }
export interface GraphEdge { type: string; from: string; to: string }

/** Okabe–Ito colours (safe for the common colour-vision deficiencies), each kind with its own shape as well. */
export const KIND_STYLES: Record<Kind, { colour: string; shape: 'hexagon' | 'diamond' | 'round-rectangle' | 'ellipse' | 'triangle' }> = {
  Domain: { colour: '#D55E00', shape: 'hexagon' },
  Task: { colour: '#0072B2', shape: 'diamond' },
  Dataset: { colour: '#E69F00', shape: 'round-rectangle' },
  Model: { colour: '#009E73', shape: 'ellipse' },
  Organization: { colour: '#CC79A7', shape: 'triangle' },
};

/** A placeholder for the neighbours of a hub that are not drawn yet; tapping it draws the next page of them. */
export interface MoreNode { id: string; hub: string; hidden: number }

export interface Drawing { nodes: GraphNode[]; edges: GraphEdge[]; more: MoreNode[]; focus: string | null; highlight: string[] }

type Box = { x1: number; x2: number; y1: number; y2: number };

const overlaps = (a: Box, b: Box): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Label boxes in model coordinates, with a small gap so touching labels also count. */
function labelBox(node: NodeSingular): Box {
  const box = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
  return { x1: box.x1 - 2, x2: box.x2 + 2, y1: box.y1 - 2, y2: box.y2 + 2 };
}

export class GraphView {
  readonly cy: Core;

  constructor(container: HTMLElement, onTap: (id: string) => void, onMore: (hub: string) => void) {
    this.cy = cytoscape({
      container,
      minZoom: 0.15,
      maxZoom: 3,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(colour)',
            shape: 'data(shape)' as 'ellipse',
            label: 'data(name)',
            'font-size': 11,
            'text-valign': 'bottom',
            'text-margin-y': 3,
            'text-wrap': 'ellipsis',
            'text-max-width': '110px',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.85,
            'text-background-padding': '1px',
            color: '#1d2330',
            width: 20,
            height: 20,
          },
        },
        { selector: 'node.focus', style: { width: 30, height: 30, 'border-width': 3, 'border-color': '#1d2330', 'font-weight': 'bold' } },
        { selector: 'node.more', style: { shape: 'round-rectangle', 'background-color': '#ffffff', 'border-width': 1, 'border-style': 'dashed', 'border-color': '#5b6475', width: 16, height: 16 } },
        {
          selector: 'edge',
          style: {
            width: 1.2,
            'line-color': '#b8c0cc',
            'target-arrow-color': '#b8c0cc',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            'font-size': 8,
            color: '#5b6475',
            'text-rotation': 'autorotate',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.85,
          },
        },
        { selector: 'edge.labelled', style: { label: 'data(type)' } },
        { selector: 'edge.highlight', style: { width: 3, 'line-color': '#1d2330', 'target-arrow-color': '#1d2330' } },
        { selector: 'edge.more', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none' } },
      ],
    });
    this.cy.on('tap', 'node', (event) => {
      const node = event.target as NodeSingular;
      const hub = node.data('hub') as string | undefined;
      if (hub) onMore(hub);
      else onTap(node.id());
    });
  }

  /** Shows or hides the relationship names on the edges. */
  edgeLabels(on: boolean): void {
    this.cy.edges().not('.more').toggleClass('labelled', on);
  }

  /** Replaces the drawing, keeping the places of entities already drawn, and lays it out again. */
  draw(drawing: Drawing, edgeLabels: boolean): void {
    const keep = new Set([...drawing.nodes.map((n) => n.id), ...drawing.more.map((m) => m.id)]);
    const edgeId = (edge: GraphEdge): string => `${edge.from}-${edge.type}-${edge.to}`;
    const keepEdges = new Set(drawing.edges.map(edgeId));
    this.cy.batch(() => {
      this.cy.elements().filter((el) => (el.isNode() ? !keep.has(el.id()) : !keepEdges.has(el.id()))).remove();
      const added: ElementDefinition[] = [];
      for (const node of drawing.nodes) {
        if (this.cy.getElementById(node.id).nonempty()) continue;
        const style = KIND_STYLES[node.__typename];
        added.push({ group: 'nodes', data: { id: node.id, name: node.name, kind: node.__typename, colour: style.colour, shape: style.shape } });
      }
      for (const more of drawing.more) {
        const existing = this.cy.getElementById(more.id);
        if (existing.nonempty()) existing.data('name', `+${String(more.hidden)} more`);
        else added.push({ group: 'nodes', classes: 'more', data: { id: more.id, hub: more.hub, name: `+${String(more.hidden)} more` } });
      }
      for (const edge of drawing.edges) {
        if (this.cy.getElementById(edgeId(edge)).empty()) added.push({ group: 'edges', data: { id: edgeId(edge), source: edge.from, target: edge.to, type: edge.type } });
      }
      for (const more of drawing.more) {
        const id = `${more.id}-edge`;
        if (this.cy.getElementById(id).empty()) added.push({ group: 'edges', classes: 'more', data: { id, source: more.hub, target: more.id } });
      }
      this.cy.add(added);
      this.cy.nodes().removeClass('focus');
      if (drawing.focus) this.cy.getElementById(drawing.focus).addClass('focus');
      this.cy.edges().removeClass('highlight');
      for (const id of drawing.highlight) this.cy.getElementById(id).connectedEdges().not('.more').addClass('highlight');
    });
    this.edgeLabels(edgeLabels);
    if (this.cy.nodes().length > 0) {
      this.cy.layout({
        name: 'fcose',
        animate: false,
        randomize: true,
        quality: 'default',
        nodeDimensionsIncludeLabels: true,
        nodeRepulsion: () => 12000,
        idealEdgeLength: () => 90,
        nodeSeparation: 90,
        packComponents: true,
      } as cytoscape.LayoutOptions).run();
      this.separateLabels();
    }
    this.fit();
  }

  /** Zooms so the whole drawing is visible. */
  fit(): void {
    this.cy.fit(undefined, 30);
  }

  /** Centres on an entity. */
  centreOn(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.nonempty()) this.cy.center(node);
  }

  /** Pushes apart nodes whose labels overlap, along the axis that needs the least movement, until none do. */
  private separateLabels(): void {
    const nodes = this.cy.nodes().toArray();
    for (let round = 0; round < 200; round += 1) {
      let moved = false;
      const boxes = nodes.map(labelBox);
      for (let i = 0; i < nodes.length; i += 1) {
        for (let j = i + 1; j < nodes.length; j += 1) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          if (!overlaps(a, b)) continue;
          const dx = Math.min(a.x2 - b.x1, b.x2 - a.x1);
          const dy = Math.min(a.y2 - b.y1, b.y2 - a.y1);
          const pa = nodes[i]!.position();
          const pb = nodes[j]!.position();
          // Move each half the way (plus a margin), on the cheaper axis, away from the other.
          const [mx, my] = dx < dy ? [(pa.x <= pb.x ? -1 : 1) * (dx / 2 + 1), 0] : [0, (pa.y <= pb.y ? -1 : 1) * (dy / 2 + 1)];
          nodes[i]!.position({ x: pa.x + mx, y: pa.y + my });
          nodes[j]!.position({ x: pb.x - mx, y: pb.y - my });
          boxes[i] = labelBox(nodes[i]!);
          boxes[j] = labelBox(nodes[j]!);
          moved = true;
        }
      }
      if (!moved) return;
    }
  }
}
