/** ModelConnection and ModelEdge: shaped from a loaded page; totalCount is counted only when asked for. */
import { encodeCursor } from '../cursor.js';
import type { ModelConnectionResolvers, ModelEdgeResolvers } from '../generated/graphql.js';

export const ModelConnection: ModelConnectionResolvers = {
  edges: (page) => page.edges,
  nodes: (page) => page.edges.map((edge) => edge.node),
  pageInfo: (page) => {
    const first = page.edges[0];
    const last = page.edges[page.edges.length - 1];
    return {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: first ? encodeCursor(first.position, first.order) : null,
      endCursor: last ? encodeCursor(last.position, last.order) : null,
    };
  },
  totalCount: async (page, _, context) => (await context.loaders.models.list.load({ ...page.count, facets: null })).total,
};

export const ModelEdge: ModelEdgeResolvers = {
  cursor: (edge) => encodeCursor(edge.position, edge.order),
  node: (edge) => edge.node,
};
