/** Dataset fields: the modality in the API's spelling, relations through loaders keyed by the dataset's id. */
import type { DatasetResolvers, Modality } from '../generated/graphql.js';
import type { DatasetRow } from '../db/rows.js';
import { aliases, property } from './full-row.js';
import { toModality } from './enum-values.js';
import { related } from './look-ahead.js';

export const Dataset: DatasetResolvers = {
  aliases,
  description: property<DatasetRow, 'description'>('description'),
  size: property<DatasetRow, 'size'>('size'),
  url: property<DatasetRow, 'url'>('url'),
  modality: property<DatasetRow, 'modality', Modality>('modality', toModality),
  tasks: (dataset, _, context, info) => related(context, 'Dataset.tasks', dataset.id, info),
  trainedModels: (dataset, _, context, info) => related(context, 'Dataset.trainedModels', dataset.id, info),
  evaluatedModels: (dataset, _, context, info) => related(context, 'Dataset.evaluatedModels', dataset.id, info),
  leaderboards: (dataset, _, context) => context.loaders.results.leaderboardsOfDataset.load(dataset.id),
};
