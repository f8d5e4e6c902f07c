/** Release fields: the marker's properties, and the graph's sizes. */
import { graphStats } from '../db/stats.js';
import type { ReleaseResolvers } from '../generated/graphql.js';

export const Release: ReleaseResolvers = {
  counts: (_, __, context) => graphStats(context.reader),
};
