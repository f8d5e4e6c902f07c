/** Model fields: enums in the API's spelling, the paper from its flat properties, relations through loaders. */
import type { ModelResolvers, Paradigm } from '../generated/graphql.js';
import type { ModelRow } from '../db/rows.js';
import { aliases, fromRow, property } from './full-row.js';
import { toModality, toParadigm } from './enum-values.js';
import { idArgument } from './id-args.js';

export const Model: ModelResolvers = {
  aliases,
  year: property<ModelRow, 'year'>('year'),
  organization: property<ModelRow, 'organization'>('organization'),
  architecture: property<ModelRow, 'architecture'>('architecture'),
  pretraining: property<ModelRow, 'pretraining'>('pretraining'),
  parameters: property<ModelRow, 'parameters'>('parameters'),
  openWeights: property<ModelRow, 'openWeights'>('openWeights'),
  description: property<ModelRow, 'description'>('description'),
  paradigm: property<ModelRow, 'paradigm', Paradigm>('paradigm', toParadigm),
  modalities: (row, _, context) => fromRow(row, ['modalities'], context, (model) => (model.modalities ?? []).map(toModality)),
  paper: (row, _, context) =>
    fromRow(row, ['paperTitle', 'paperVenue', 'paperYear', 'paperUrl'], context, (model) =>
      // A paper is known by its link; its title may be missing (confirmed link, unconfirmed title). A compact row
      // says null for a property the model lacks, a full row leaves it out.
      model.paperUrl == null && model.paperTitle == null
        ? null
        : { title: model.paperTitle, venue: model.paperVenue, year: model.paperYear, url: model.paperUrl },
    ),
  domains: (model, _, context) => context.loaders.related('Model.domains').load(model.id),
  tasks: (model, _, context) => context.loaders.related('Model.tasks').load(model.id),
  trainedOn: (model, _, context) => context.loaders.related('Model.trainedOn').load(model.id),
  evaluatedOn: (model, _, context) => context.loaders.related('Model.evaluatedOn').load(model.id),
  basedOn: (model, _, context) => context.loaders.related('Model.basedOn').load(model.id),
  derivatives: (model, _, context) => context.loaders.related('Model.derivatives').load(model.id),
  organizations: (model, _, context) => context.loaders.related('Model.organizations').load(model.id),
  results: (model, { dataset }, context) => context.loaders.results.ofModel.load({ model: model.id, dataset: dataset == null ? null : idArgument(dataset) }),
};
