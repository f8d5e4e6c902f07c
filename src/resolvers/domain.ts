/** Domain fields: each one loader call keyed by the domain's id. */
import type { DomainResolvers } from '../generated/graphql.js';
import type { DomainRow } from '../db/rows.js';
import { aliases, property } from './full-row.js';
import { modelPage } from './id-args.js';
import { pageArgs } from './page-args.js';
import { related } from './look-ahead.js';

export const Domain: DomainResolvers = {
  aliases,
  description: property<DomainRow, 'description'>('description'),
  tasks: (domain, _, context, info) => related(context, 'Domain.tasks', domain.id, info),
  models: (domain, args, context, info) =>
    modelPage(context, { scope: 'domain', parentId: domain.id, args: pageArgs(args, info) }),
  datasets: (domain, _, context, info) => related(context, 'Domain.datasets', domain.id, info),
};
