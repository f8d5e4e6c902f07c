// Models related to $id by the Jaccard index of their features (tasks performed, datasets trained or evaluated
// on): |shared| / |union|. Best first, ties by name; models sharing nothing never appear.
// $id: model id; $first: how many
// Returns: model (Model row), score, sharedTasks, sharedDatasets (rows by name)
MATCH (a:Model {id: $id})-[:PERFORMS|TRAINED_ON|EVALUATED_ON]->(f)
WITH a, collect(DISTINCT f) AS featuresOfA
UNWIND featuresOfA AS f
MATCH (f)<-[:PERFORMS|TRAINED_ON|EVALUATED_ON]-(b:Model)
WHERE b <> a
WITH a, featuresOfA, b, collect(DISTINCT f) AS shared
WITH b, shared,
     size(shared) * 1.0 / (size(featuresOfA) + size(COLLECT { MATCH (b)-[:PERFORMS|TRAINED_ON|EVALUATED_ON]->(g) RETURN DISTINCT g }) - size(shared)) AS score
ORDER BY score DESC, toLower(b.name), b.id
LIMIT $first
RETURN b {.*, label: 'Model'} AS model, score,
       COLLECT { UNWIND shared AS s WITH s WHERE s:Task RETURN s {.*, label: 'Task'} ORDER BY toLower(s.name), s.id } AS sharedTasks,
       COLLECT { UNWIND shared AS s WITH s WHERE s:Dataset RETURN s {.*, label: 'Dataset'} ORDER BY toLower(s.name), s.id } AS sharedDatasets
