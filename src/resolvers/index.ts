/** The resolver map of schema.graphql. */
import { DateTimeResolver, NonEmptyStringResolver, SafeIntResolver, URLResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/graphql.js';
import { ModelConnection, ModelEdge } from './connection.js';
import { Dataset } from './dataset.js';
import { DatasetCounts, DatasetListQuery } from './dataset-list.js';
import { Domain } from './domain.js';
import { ModelLineage } from './lineage.js';
import { Model } from './model.js';
import { ModelCount, ModelCountsQuery } from './model-counts.js';
import { ModelConnectionFacets, ModelFacets } from './model-facets.js';
import { Organization } from './organization.js';
import { PathQuery } from './paths.js';
import { Query } from './query.js';
import { Release } from './release.js';
import { Task } from './task.js';

export const resolvers: Resolvers = {
  URL: URLResolver,
  SafeInt: SafeIntResolver,
  NonEmptyString: NonEmptyStringResolver,
  DateTime: DateTimeResolver,
  Node: { __resolveType: (row) => row.label },
  Query: { ...Query, ...ModelCountsQuery, ...PathQuery, ...DatasetListQuery },
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
};
