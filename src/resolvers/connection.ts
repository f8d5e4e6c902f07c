/** ModelConnection and ModelEdge: shaped from a loaded page; totalCount is counted only when asked for. */
import { encodeCursor } from '../cursor.js';
import { edgePosition, type ModelPageEdge } from '../db/model-page.js';
import type { ModelConnectionResolvers, ModelEdgeResolvers } from '../generated/graphql.js';

const cursorOf = (edge: ModelPageEdge): string => encodeCursor(edgePosition(edge), edge.order);

export const ModelConnection: ModelConnectionResolvers = {
  edges: (page) => page.edges,
  nodes: (page) => page.edges.map((edge) => edge.node),
  pageInfo: (page) => {
    const first = page.edges[0];
    const last = page.edges[page.edges.length - 1];
    return {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: first ? cursorOf(first) : null,
      endCursor: last ? cursorOf(last) : null,
    };
  },
  totalCount: async (page, _, context) => (await context.loaders.models.list.load({ ...page.count, facets: null })).total,
};

export const ModelEdge: ModelEdgeResolvers = {
  cursor: cursorOf,
  node: (edge) => edge.node,
};
