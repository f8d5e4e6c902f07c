/** The resolver map of schema.graphql. */
import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, NonEmptyStringResolver, SafeIntResolver, URLResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/graphql.js';
import { ModelConnection, ModelEdge } from './connection.js';
import { refusingBlankText } from './blank-text.js';
import { Dataset } from './dataset.js';
import { DatasetCounts, DatasetListQuery } from './dataset-list.js';
import { Domain } from './domain.js';
import { ModelLineage } from './lineage.js';
import { Leaderboard, leaderboardQueries } from './leaderboard.js';
import { Model } from './model.js';
import { ModelCount, ModelCountsQuery } from './model-counts.js';
import { ModelConnectionFacets, ModelFacets } from './model-facets.js';
import { Organization } from './organization.js';
import { PathQuery } from './paths.js';
import { Query } from './query.js';
import { Release } from './release.js';
import { Result } from './result.js';
import { Task } from './task.js';

/**
 * A graphql-scalars scalar's coercion without its description and specification URL: Apollo copies every own
 * property of a scalar resolver onto the schema's type, which would replace what schema.graphql says.
 */
function coercionOf(scalar: GraphQLScalarType): GraphQLScalarType {
  const coercion = new GraphQLScalarType(scalar.toConfig());
  delete coercion.description;
  delete coercion.specifiedByURL;
  return coercion;
}

export const resolvers: Resolvers = {
  URL: coercionOf(URLResolver),
  SafeInt: coercionOf(SafeIntResolver),
  NonEmptyString: coercionOf(refusingBlankText(NonEmptyStringResolver)),
  DateTime: coercionOf(DateTimeResolver),
  Node: { __resolveType: (row) => row.label },
  Query: { ...Query, ...ModelCountsQuery, ...PathQuery, ...DatasetListQuery, ...leaderboardQueries },
  Domain,
  Task,
  Dataset: { ...Dataset, ...DatasetCounts },
  Model: { ...Model, ...ModelLineage },
  Organization,
  Release,
  ModelConnection: { ...ModelConnection, ...ModelConnectionFacets },
  ModelEdge,
  ModelCount,
  ModelFacets,
  Result,
  Leaderboard,
};
