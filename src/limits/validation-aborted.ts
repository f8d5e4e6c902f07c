/**
 * Says which of graphql-js's validation limits stopped a document, and what to change, where graphql-js says only
 * that validation was aborted.
 */

/** Errors reported for one document before validation stops (graphql-js's default, set here so messages can say it). */
export const MAX_VALIDATION_ERRORS = 100;

// graphql-js 16 gives no code or class to tell these apart from other validation errors, only their messages.
// validate.js adds the first past `maxErrors`; the second is one shared error it throws when a rule spends a work
// budget: the overlapping-fields rule compares every two fields of one response name in a selection
// (OverlappingFieldsCanBeMergedRule.js, 500,000 steps) and the fragment walk counts spreads (ValidationContext.js).
const EXPLAINED = new Map<string, string>([
  [
    'Too many validation errors, error limit reached. Validation aborted.',
    `Validation stopped after ${String(MAX_VALIDATION_ERRORS)} errors, the most reported for one document: fix those and send it again.`,
  ],
  [
    'Validation aborted.',
    'The document takes more work to validate than graphql-js allows: it compares every two fields of the same name ' +
      'in a selection, 500,000 steps at most (about 700 copies of one field), and follows fragment spreads, 50,000 at ' +
      'most. Ask for each field once per selection, and spread fewer fragments.',
  ],
]);

/** The message a client gets for a validation error: graphql-js's own, or what its bare "aborted" meant. */
export function validationMessage(message: string): string {
  return EXPLAINED.get(message) ?? message;
}
