// Counts stored on every model after the seed, so that lists can sort by them from a (count, id) index and a
// deep page costs what the first costs: the graph changes only when it is reseeded. Pure Cypher, safe to rerun.
// derivativeCount: models directly based on it; datasetCount: distinct datasets trained or evaluated on.
MATCH (m:Model)
SET m.derivativeCount = COUNT { MATCH (m)<-[:BASED_ON]-(d:Model) RETURN DISTINCT d },
    m.datasetCount = COUNT { MATCH (m)-[:TRAINED_ON|EVALUATED_ON]->(s:Dataset) RETURN DISTINCT s };

// descendantCount: models based on it transitively, each once (one shortest way to each is enough to count it,
// which keeps diamonds and cycles from multiplying paths; the model itself is left out when a cycle returns).
MATCH (m:Model)
SET m.descendantCount = COUNT {
  MATCH ANY SHORTEST (m)(()<-[:BASED_ON]-(:Model))+(d:Model)
  WHERE d <> m
  RETURN d
};
