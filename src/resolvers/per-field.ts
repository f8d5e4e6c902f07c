/**
 * Answers kept per request and field of the document. A field's arguments and selection are the same for every
 * parent of a list (they come from the document and the variables only), so what is made of them is made once
 * per field, not once per parent: a filter of hundreds of ids under a list of 309 parents was normalised and
 * serialised 309 times.
 */
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { RequestSlot } from '../request-slot.js';

export type FieldInfo = Pick<GraphQLResolveInfo, 'variableValues'> & { fieldNodes: readonly FieldNode[] };

export class PerField<T> {
  // On the request's variables (one object per request), by the field's nodes in the document.
  readonly #answers = new RequestSlot<object, Map<readonly FieldNode[], T>>('answers per field');

  get(info: FieldInfo, compute: () => T): T {
    let byField = this.#answers.get(info.variableValues);
    if (!byField) this.#answers.set(info.variableValues, (byField = new Map()));
    let answer = byField.get(info.fieldNodes);
    if (answer === undefined) byField.set(info.fieldNodes, (answer = compute()));
    return answer;
  }
}
