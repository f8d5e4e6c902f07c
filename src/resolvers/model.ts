/** Model fields: enums in the API's spelling, the paper from its flat properties, relations through loaders. */
import type { ModelResolvers, Paradigm } from '../generated/graphql.js';
import type { ModelRow } from '../db/rows.js';
import { aliases, fromRow, property } from './full-row.js';
import { toModality, toParadigm } from './enum-values.js';
import { idArgument } from './id-args.js';
import { related } from './look-ahead.js';

export const Model: ModelResolvers = {
  aliases,
  year: property<ModelRow, 'year'>('year'),
  organization: property<ModelRow, 'organization'>('organization'),
  architecture: property<ModelRow, 'architecture'>('architecture'),
  pretraining: property<ModelRow, 'pretraining'>('pretraining'),
  parameters: property<ModelRow, 'parameters'>('parameters'),
  openWeights: property<ModelRow, 'openWeights'>('openWeights'),
  description: property<ModelRow, 'description'>('description'),
  sourceNote: property<ModelRow, 'sourceNote'>('sourceNote'),
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
  domains: (model, _, context, info) => related(context, 'Model.domains', model.id, info),
  tasks: (model, _, context, info) => related(context, 'Model.tasks', model.id, info),
  trainedOn: (model, _, context, info) => related(context, 'Model.trainedOn', model.id, info),
  evaluatedOn: (model, _, context, info) => related(context, 'Model.evaluatedOn', model.id, info),
  basedOn: (model, _, context, info) => related(context, 'Model.basedOn', model.id, info),
  derivatives: (model, _, context, info) => related(context, 'Model.derivatives', model.id, info),
  organizations: (model, _, context, info) => related(context, 'Model.organizations', model.id, info),
  results: (model, { dataset }, context) => context.loaders.results.ofModel.load({ model: model.id, dataset: dataset == null ? null : idArgument(dataset) }),
};
