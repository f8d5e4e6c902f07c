/** Task fields: each one loader call keyed by the task's id. */
import type { TaskResolvers } from '../generated/graphql.js';
import type { TaskRow } from '../db/rows.js';
import { aliases, property } from './full-row.js';
import { modelPage } from './id-args.js';
import { pageArgs } from './page-args.js';

export const Task: TaskResolvers = {
  aliases,
  description: property<TaskRow, 'description'>('description'),
  domains: (task, _, context) => context.loaders.related('Task.domains').load(task.id),
  models: (task, args, context, info) =>
    modelPage(context, { scope: 'task', parentId: task.id, args: pageArgs(args, info) }),
  datasets: (task, _, context) => context.loaders.related('Task.datasets').load(task.id),
};
