import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../src/selection-fields.js';

function parsed(query: string): { operation: OperationDefinitionNode; fragments: Record<string, FragmentDefinitionNode> } {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return { operation, fragments };
}

const names = (query: string, taken?: (selection: SelectionNode) => boolean): string[] => {
  const { operation, fragments } = parsed(query);
  return fieldsOf(operation.selectionSet, fragments, taken).map((field) => field.name.value);
};

const notSkipped = (selection: SelectionNode): boolean => !selection.directives?.some((d) => d.name.value === 'skip');

describe('fieldsOf', () => {
  it('expands inline fragments and fragment spreads in the order they are written', () => {
    expect(names('{ id ... on Query { domains { id } } ...more } fragment more on Query { tasks { id } }')).toEqual(['id', 'domains', 'tasks']);
  });

  it('expands a fragment spread twice once', () => {
    expect(names('{ ...f ...f ... on Query { ...f } } fragment f on Query { domains { id } }')).toEqual(['domains']);
  });

  it('leaves out what the taken test refuses: a field, an inline fragment, a spread, and nothing below them', () => {
    const query = '{ a: domains @skip(if: true) { id } ... @skip(if: true) { tasks { id } } ...f @skip(if: true) models { totalCount } } fragment f on Query { datasets { id } }';
    expect(names(query, notSkipped)).toEqual(['models']);
    expect(names(query)).toEqual(['domains', 'tasks', 'datasets', 'models']);
  });

  it('walks a fragment skipped in one place where it is taken in another', () => {
    const query = '{ ...f @skip(if: true) ... on Query { ...f } } fragment f on Query { domains { id } }';
    expect(names(query, notSkipped)).toEqual(['domains']);
  });

  it('finds nothing in a missing selection set or under an unknown fragment', () => {
    expect(fieldsOf(undefined, {})).toEqual([]);
    expect(names('{ ...missing }')).toEqual([]);
  });
});
