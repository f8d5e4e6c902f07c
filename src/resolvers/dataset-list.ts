/** Query.datasets (filters and order checked and normalised here) and the counts stored on datasets. */
import { listDatasets, type DatasetFilter } from '../db/dataset-list.js';
import type { DatasetRow } from '../db/rows.js';
import { checkDatasetArgsAgree } from '../limits/argument-contradictions.js';
import type { DatasetResolvers, QueryDatasetsArgs, QueryResolvers } from '../generated/graphql.js';
import { storedCount } from './full-row.js';
import { filteredList, idArgument } from './id-args.js';
import { toStored } from './enum-values.js';
import { sortKeys } from './page-args.js';

/** Keys in a fixed order; `where.task` and `where.modality` stand for the older top-level arguments, which agree. */
function normaliseFilter(args: QueryDatasetsArgs): DatasetFilter {
  checkDatasetArgsAgree(args);
  const { task, modality, where } = args;
  const filter: DatasetFilter = {};
  const chosenModality = where?.modality ?? modality;
  const chosenTask = where?.task ?? task;
  if (chosenModality != null) filter.modality = toStored(chosenModality);
  if (chosenTask != null) filter.task = idArgument(chosenTask);
  if (where?.domain != null) filter.domain = idArgument(where.domain);
  if (where?.usedForTraining != null) filter.usedForTraining = where.usedForTraining;
  if (where?.usedForEvaluation != null) filter.usedForEvaluation = where.usedForEvaluation;
  if (where?.trainedByDomain != null) filter.trainedByDomain = idArgument(where.trainedByDomain);
  if (where?.nameContains != null) filter.nameContains = where.nameContains;
  return filter;
}

export const DatasetListQuery: Pick<QueryResolvers, 'datasets'> = {
  datasets: (_, args, context) => {
    const filter = normaliseFilter(args);
    return filteredList(context, listDatasets(context.reader, filter, sortKeys(args.orderBy)), [
      { argument: args.where?.task != null ? 'where.task' : 'task', id: filter.task, label: 'Task' },
      { argument: 'where.domain', id: filter.domain, label: 'Domain' },
      { argument: 'where.trainedByDomain', id: filter.trainedByDomain, label: 'Domain' },
    ]);
  },
};

export const DatasetCounts: Pick<DatasetResolvers, 'trainedModelCount' | 'evaluatedModelCount'> = {
  trainedModelCount: storedCount<DatasetRow, 'trainedModelCount'>('trainedModelCount'),
  evaluatedModelCount: storedCount<DatasetRow, 'evaluatedModelCount'>('evaluatedModelCount'),
};
