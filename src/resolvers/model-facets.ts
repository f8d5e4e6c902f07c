/** ModelConnection.facets and ModelFacets: counted over the connection's whole list by the facets loader. */
import { FACETS, type FacetName, type FacetRow } from '../db/model-facets.js';
import { checkRange } from '../errors.js';
import type { ModelConnectionResolvers, ModelFacetsResolvers } from '../generated/graphql.js';
import { toModality, toParadigm } from './enum-values.js';
import { selectedFields } from './selection.js';

const MAX_TOP = 100;

/** Enum facets carry the stored spelling; the API's value is the enum value. */
const asEnum = (convert: (stored: string) => string) => (facets: FacetRow[]) =>
  facets.map((facet) => ({ ...facet, value: convert(facet.value) }));

export const ModelConnectionFacets: Pick<ModelConnectionResolvers, 'facets'> = {
  facets: async (page, { top }, context, info) => {
    // Only the facets the request selects are counted.
    const names = selectedFields(info, []).filter((name): name is FacetName => name in FACETS);
    const wanted = { names: [...new Set(names)].sort(), top: checkRange('top', top ?? 20, 1, MAX_TOP) };
    return (await context.loaders.models.list.load({ ...page.count, facets: wanted })).facets;
  },
};

export const ModelFacets: ModelFacetsResolvers = {
  modalities: (facets) => asEnum(toModality)(facets.modalities),
  paradigms: (facets) => asEnum(toParadigm)(facets.paradigms),
};
