/** Result fields: stored properties and the compact model and dataset rows as they come; the source from its flat properties. */
import type { ResultResolvers } from '../generated/graphql.js';

export const Result: ResultResolvers = {
  source: (result) => ({ title: result.sourceTitle, url: result.sourceUrl, kind: result.sourceKind }),
};
