/**
 * Maps a curated facts release (../shared/data/survey.json and the results.json beside it, as their README
 * describes them) onto the project's facts: the same entities, values and results, plus a `sourceNote` on each
 * model the release gives no paper for.
 */
import type { Facts, ModelFact, ResultFact } from './types.js';

/** What the release's README says of models without a paper; it records no other source for them. */
export const NO_PAPER_NOTE =
  'The curated release names no paper for this model: its source is a model card or repository, not yet recorded here.';

export function factsFromRelease(release: Omit<Facts, 'results'>, results: ResultFact[]): Facts {
  const models = release.models.map(
    (model): ModelFact => (model.paper === null && model.sourceNote === undefined ? { ...model, sourceNote: NO_PAPER_NOTE } : model),
  );
  return { ...release, models, results };
}
