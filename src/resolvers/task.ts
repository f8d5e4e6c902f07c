/** Task fields: each one loader call keyed by the task's id. */
import type { TaskResolvers } from '../generated/graphql.js';
import type { TaskRow } from '../db/rows.js';
import { aliases, property } from './full-row.js';
import { modelPage } from './id-args.js';
import { pageArgs } from './page-args.js';
import { related } from './look-ahead.js';

export const Task: TaskResolvers = {
  aliases,
  description: property<TaskRow, 'description'>('description'),
  domains: (task, _, context, info) => related(context, 'Task.domains', task.id, info),
  models: (task, args, context, info) =>
    modelPage(context, { scope: 'task', parentId: task.id, args: pageArgs(args, info) }),
  datasets: (task, _, context, info) => related(context, 'Task.datasets', task.id, info),
};
