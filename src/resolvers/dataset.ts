/** Dataset fields: the modality in the API's spelling, relations through loaders keyed by the dataset's id. */
import type { DatasetResolvers } from '../generated/graphql.js';
import { longText } from './details.js';
import { toModality } from './enum-values.js';

export const Dataset: DatasetResolvers = {
  description: (row, _, context) => longText(row, 'description', context),
  modality: (dataset) => (dataset.modality === undefined ? null : toModality(dataset.modality)),
  tasks: (dataset, _, context) => context.loaders.related('Dataset.tasks').load(dataset.id),
  trainedModels: (dataset, _, context) => context.loaders.related('Dataset.trainedModels').load(dataset.id),
  evaluatedModels: (dataset, _, context) => context.loaders.related('Dataset.evaluatedModels').load(dataset.id),
};
