import { readFileSync } from 'node:fs';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';

/**
 * Every description of a schema by schema coordinate (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`),
 * plus each scalar's specification URL, for the schema's own types.
 */
function descriptionsOf(schema: GraphQLSchema): Record<string, string | null> {
  const described: Record<string, string | null> = {};
  // Built from SDL a missing description is undefined, from introspection null: one absence for both.
  const put = (coordinate: string, text: string | null | undefined): void => {
    described[coordinate] = text ?? null;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
    put(type.name, type.description);
    if (isScalarType(type)) put(`${type.name}@specifiedBy`, type.specifiedByURL);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        put(`${type.name}.${field.name}`, field.description);
        for (const arg of 'args' in field ? field.args : []) put(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) put(`${type.name}.${value.name}`, value.description);
  }
  return described;
}

describe('the served schema', () => {
  const server = useTestServer();
  const contract = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

  it('describes every type, field, argument and enum value exactly as schema.graphql does', async () => {
    const response = await server.gql<IntrospectionQuery>(getIntrospectionQuery({ specifiedByUrl: true }));
    expect(response.errors).toBeUndefined();
    const served = descriptionsOf(buildClientSchema(response.data!));
    const expected = descriptionsOf(contract);
    expect(served).toEqual(expected);
    // The scalars from graphql-scalars keep schema.graphql's words, not the library's.
    expect(served['SafeInt']).toMatch(/model sizes exceed a 32-bit Int/);
  });

  it('leaves nothing in schema.graphql undescribed', () => {
    const missing = Object.entries(descriptionsOf(contract))
      .filter(([coordinate, description]) => !coordinate.endsWith('@specifiedBy') && !description)
      .map(([coordinate]) => coordinate);
    expect(missing).toEqual([]);
  });
});
