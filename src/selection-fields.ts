/**
 * The fields a selection set selects, with its inline fragments and fragment spreads expanded: what the resolvers
 * read to load only what an answer needs (resolvers/selection.ts) and what the node estimate reads to charge only
 * what a request asks for (limits/node-estimate.ts).
 */
import type { FieldNode, FragmentDefinitionNode, SelectionNode, SelectionSetNode } from 'graphql';
import { Kind } from 'graphql';

/**
 * The fields of `selectionSet`, fragments expanded, each fragment once (spreading it again adds nothing).
 * `taken` leaves out the selections execution will not take (a field, an inline fragment or a spread under
 * `@skip(if: true)` or `@include(if: false)`); by default every selection counts.
 */
export function fieldsOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  taken: (selection: SelectionNode) => boolean = () => true,
  seen = new Set<string>(),
  found: FieldNode[] = [],
): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (!taken(selection)) continue;
    if (selection.kind === Kind.FIELD) found.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(selection.selectionSet, fragments, taken, seen, found);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      fieldsOf(fragments[selection.name.value]?.selectionSet, fragments, taken, seen, found);
    }
  }
  return found;
}
