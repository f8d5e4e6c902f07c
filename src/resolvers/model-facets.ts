/** ModelConnection.facets and ModelFacets: counted over the connection's whole list by the facets loader. */
import type { FacetRow } from '../db/model-facets.js';
import { checkRange } from '../errors.js';
import type { ModelConnectionResolvers, ModelFacetsResolvers } from '../generated/graphql.js';
import { toModality, toParadigm } from './enum-values.js';

const MAX_TOP = 100;

/** Enum facets carry the stored spelling; the API's value is the enum value. */
const asEnum = (convert: (stored: string) => string) => (facets: FacetRow[]) =>
  facets.map((facet) => ({ ...facet, value: convert(facet.value) }));

export const ModelConnectionFacets: Pick<ModelConnectionResolvers, 'facets'> = {
  facets: (page, { top }, context) =>
    context.loaders.models.facets.load({ ...page.count, top: checkRange('top', top ?? 20, 1, MAX_TOP) }),
};

export const ModelFacets: ModelFacetsResolvers = {
  modalities: (facets) => asEnum(toModality)(facets.modalities),
  paradigms: (facets) => asEnum(toParadigm)(facets.paradigms),
};
