/** The resolver map of schema.graphql. */
import { DateTimeResolver, NonEmptyStringResolver, SafeIntResolver, URLResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/graphql.js';
import { ModelConnection, ModelEdge } from './connection.js';
import { Dataset } from './dataset.js';
import { Domain } from './domain.js';
import { Leaderboard, leaderboardQueries } from './leaderboard.js';
import { Model } from './model.js';
import { Organization } from './organization.js';
import { Query } from './query.js';
import { Release } from './release.js';
import { Result } from './result.js';
import { Task } from './task.js';

export const resolvers: Resolvers = {
  URL: URLResolver,
  SafeInt: SafeIntResolver,
  NonEmptyString: NonEmptyStringResolver,
  DateTime: DateTimeResolver,
  Node: { __resolveType: (row) => row.label },
  Query: { ...Query, ...leaderboardQueries },
  Domain,
  Task,
  Dataset,
  Model,
  Organization,
  Release,
  ModelConnection,
  ModelEdge,
  Result,
  Leaderboard,
};
