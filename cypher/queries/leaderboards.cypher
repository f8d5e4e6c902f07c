// Leaderboards: one per (dataset, metric, setting) that has results, never merging settings; of the given datasets
// or of all, optionally only those of datasets a task is benchmarked on and/or of a domain's tasks.
// By dataset name, then the leaderboards with most results first, then metric and setting.
// $datasetIds: dataset ids, or null for every dataset; $task: task id or null; $domain: domain id or null
// Returns: dataset (Dataset row), metric, setting, higherIsBetter, totalCount
MATCH (d:Dataset)<-[:ON]-(r:Result)
WHERE ($datasetIds IS NULL OR d.id IN $datasetIds)
  AND ($task IS NULL OR EXISTS { (:Task {id: $task})-[:BENCHMARKED_ON]->(d) })
  AND ($domain IS NULL OR EXISTS { (:Domain {id: $domain})-[:HAS_TASK]->(:Task)-[:BENCHMARKED_ON]->(d) })
WITH d, r.metric AS metric, r.setting AS setting, r.higherIsBetter AS higherIsBetter, count(r) AS totalCount
RETURN d {.*, label: 'Dataset'} AS dataset, metric, setting, higherIsBetter, totalCount
ORDER BY toLower(d.name), d.id, totalCount DESC, metric, setting
