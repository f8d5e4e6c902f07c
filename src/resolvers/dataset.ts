/** Dataset fields: the modality in the API's spelling, relations through loaders keyed by the dataset's id. */
import type { DatasetResolvers, Modality } from '../generated/graphql.js';
import type { DatasetRow } from '../db/rows.js';
import { aliases, property } from './full-row.js';
import { toModality } from './enum-values.js';

export const Dataset: DatasetResolvers = {
  aliases,
  description: property<DatasetRow, 'description'>('description'),
  size: property<DatasetRow, 'size'>('size'),
  url: property<DatasetRow, 'url'>('url'),
  modality: property<DatasetRow, 'modality', Modality>('modality', toModality),
  tasks: (dataset, _, context) => context.loaders.related('Dataset.tasks').load(dataset.id),
  trainedModels: (dataset, _, context) => context.loaders.related('Dataset.trainedModels').load(dataset.id),
  evaluatedModels: (dataset, _, context) => context.loaders.related('Dataset.evaluatedModels').load(dataset.id),
  leaderboards: (dataset, _, context) => context.loaders.results.leaderboardsOfDataset.load(dataset.id),
};
