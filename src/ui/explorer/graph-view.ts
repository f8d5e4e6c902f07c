/** The node–link diagram: entities coloured by kind, labelled by name, merged in as the user expands them. */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';

export type Kind = 'Domain' | 'Task' | 'Dataset' | 'Model' | 'Organization';

export interface GraphNode { __typename: Kind; id: string; name: string }
export interface GraphEdge { type: string; from: string; to: string }

export const KIND_COLOURS: Record<Kind, string> = {
  Domain: '#e4572e',
  Task: '#29335c',
  Dataset: '#f3a712',
  Model: '#669bbc',
  Organization: '#2a9d8f',
};

export class GraphView {
  readonly cy: Core;

  constructor(container: HTMLElement, onTap: (id: string) => void) {
    this.cy = cytoscape({
      container,
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(colour)',
            label: 'data(name)',
            'font-size': 10,
            'text-valign': 'bottom',
            'text-margin-y': 3,
            width: 18,
            height: 18,
          },
        },
        { selector: 'node.focus', style: { width: 28, height: 28, 'border-width': 3, 'border-color': '#1d2330' } },
        {
          selector: 'edge',
          style: {
            width: 1.2,
            'line-color': '#b8c0cc',
            'target-arrow-color': '#b8c0cc',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            label: 'data(type)',
            'font-size': 7,
            // Relationship names only once zoomed in, so a crowded drawing stays readable.
            'min-zoomed-font-size': 9,
            color: '#7a8494',
          },
        },
      ],
    });
    this.cy.on('tap', 'node', (event) => onTap(String(event.target.id())));
  }

  /** Replaces the drawing with these entities and relationships. */
  show(nodes: GraphNode[], edges: GraphEdge[], focus: string): void {
    this.cy.elements().remove();
    this.merge(nodes, edges, focus);
  }

  /** Adds entities and relationships not drawn yet, then lays the whole graph out again. */
  merge(nodes: GraphNode[], edges: GraphEdge[], focus: string): void {
    const added: ElementDefinition[] = [];
    for (const node of nodes) {
      if (this.cy.getElementById(node.id).empty()) {
        added.push({ group: 'nodes', data: { id: node.id, name: node.name, kind: node.__typename, colour: KIND_COLOURS[node.__typename] } });
      }
    }
    for (const edge of edges) {
      const id = `${edge.from}-${edge.type}-${edge.to}`;
      if (this.cy.getElementById(id).empty()) added.push({ group: 'edges', data: { id, source: edge.from, target: edge.to, type: edge.type } });
    }
    this.cy.add(added);
    this.cy.nodes().removeClass('focus');
    this.cy.getElementById(focus).addClass('focus');
    this.cy.layout({ name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 80 }).run();
    this.cy.fit(undefined, 30);
  }
}
