// Datasets, optionally only those a task is benchmarked on and/or of one modality, by name.
// $task: task id or null; $modality: kebab-case modality or null
// Returns: node (Dataset row)
MATCH (n:Dataset)
WHERE ($task IS NULL OR EXISTS { (:Task {id: $task})-[:BENCHMARKED_ON]->(n) })
  AND ($modality IS NULL OR n.modality = $modality)
RETURN n {.*, label: 'Dataset'} AS node
ORDER BY toLower(n.name), n.id
