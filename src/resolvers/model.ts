/** Model fields: enums in the API's spelling, the paper from its flat properties, relations through loaders. */
import type { ModelResolvers } from '../generated/graphql.js';
import { longText } from './details.js';
import { toModality, toParadigm } from './enum-values.js';

export const Model: ModelResolvers = {
  description: (row, _, context) => longText(row, 'description', context),
  architecture: (row, _, context) => longText(row, 'architecture', context),
  pretraining: (row, _, context) => longText(row, 'pretraining', context),
  paradigm: (model) => (model.paradigm === undefined ? null : toParadigm(model.paradigm)),
  modalities: (model) => (model.modalities ?? []).map(toModality),
  paper: (model) =>
    model.paperTitle === undefined
      ? null
      : { title: model.paperTitle, venue: model.paperVenue, year: model.paperYear, url: model.paperUrl },
  domains: (model, _, context) => context.loaders.related('Model.domains').load(model.id),
  tasks: (model, _, context) => context.loaders.related('Model.tasks').load(model.id),
  trainedOn: (model, _, context) => context.loaders.related('Model.trainedOn').load(model.id),
  evaluatedOn: (model, _, context) => context.loaders.related('Model.evaluatedOn').load(model.id),
  basedOn: (model, _, context) => context.loaders.related('Model.basedOn').load(model.id),
  derivatives: (model, _, context) => context.loaders.related('Model.derivatives').load(model.id),
};
