/** Organization fields: the kind in the API's spelling, parent and parts through loaders, models paged. */
import type { OrganizationKind, OrganizationResolvers } from '../generated/graphql.js';
import type { OrganizationRow } from '../db/rows.js';
import { aliases, property } from './full-row.js';
import { toOrganizationKind } from './enum-values.js';
import { modelPage } from './id-args.js';
import { related } from './look-ahead.js';
import { pageArgs } from './page-args.js';

export const Organization: OrganizationResolvers = {
  aliases,
  kind: property<OrganizationRow, 'kind', OrganizationKind>('kind', toOrganizationKind),
  country: property<OrganizationRow, 'country'>('country'),
  parent: async (organization, _, context, info) => (await related(context, 'Organization.parent', organization.id, info))[0] ?? null,
  parts: (organization, _, context, info) => related(context, 'Organization.parts', organization.id, info),
  models: (organization, { includeParts, ...args }, context, info) =>
    modelPage(context, {
      scope: includeParts === false ? 'organization' : 'organizationWithParts',
      parentId: organization.id,
      args: pageArgs(args, info),
    }),
};
