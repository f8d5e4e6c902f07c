/** The resolver map of schema.graphql. */
import { NonEmptyStringResolver, SafeIntResolver, URLResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/graphql.js';
import { ModelConnection, ModelEdge } from './connection.js';
import { Dataset } from './dataset.js';
import { Domain } from './domain.js';
import { Model } from './model.js';
import { Query } from './query.js';
import { Task } from './task.js';

export const resolvers: Resolvers = {
  URL: URLResolver,
  SafeInt: SafeIntResolver,
  NonEmptyString: NonEmptyStringResolver,
  Node: { __resolveType: (row) => row.label },
  Query,
  Domain,
  Task,
  Dataset,
  Model,
  ModelConnection,
  ModelEdge,
};
