/** The resolver map of schema.graphql. */
import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, NonEmptyStringResolver, SafeIntResolver, URLResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/graphql.js';
import { ModelConnection, ModelEdge } from './connection.js';
import { Dataset } from './dataset.js';
import { Domain } from './domain.js';
import { Model } from './model.js';
import { Organization } from './organization.js';
import { Query } from './query.js';
import { Release } from './release.js';
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
  NonEmptyString: coercionOf(NonEmptyStringResolver),
  DateTime: coercionOf(DateTimeResolver),
  Node: { __resolveType: (row) => row.label },
  Query,
  Domain,
  Task,
  Dataset,
  Model,
  Organization,
  Release,
  ModelConnection,
  ModelEdge,
};
