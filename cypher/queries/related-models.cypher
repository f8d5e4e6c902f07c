// Models related to $id by the Jaccard index of their features (tasks performed, datasets trained or evaluated
// on): |shared| / |union|. Best first, ties by name; models sharing nothing never appear.
// $id: model id; $first: how many; $properties: the stored properties the model rows carry as `values`, in
// order; $shared: whether to list what they share (empty lists otherwise)
// Returns: model (compact Model row with values), score, sharedTasks, sharedDatasets (compact rows by name)
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
RETURN b {.id, .name, label: 'Model', compact: true, values: [p IN $properties | b[p]]} AS model, score,
       CASE WHEN $shared THEN COLLECT {
         UNWIND shared AS s WITH s WHERE s:Task RETURN s {.id, .name, label: 'Task', compact: true} ORDER BY toLower(s.name), s.id
       } ELSE [] END AS sharedTasks,
       CASE WHEN $shared THEN COLLECT {
         UNWIND shared AS s WITH s WHERE s:Dataset RETURN s {.id, .name, label: 'Dataset', compact: true} ORDER BY toLower(s.name), s.id
       } ELSE [] END AS sharedDatasets
