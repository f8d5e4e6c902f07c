// Counts stored on every dataset after the seed, for Dataset.trainedModelCount/evaluatedModelCount and for
// sorting Query.datasets by them. Pure Cypher, safe to rerun.
MATCH (d:Dataset)
SET d.trainedModelCount = COUNT { MATCH (d)<-[:TRAINED_ON]-(m:Model) RETURN DISTINCT m },
    d.evaluatedModelCount = COUNT { MATCH (d)<-[:EVALUATED_ON]-(m:Model) RETURN DISTINCT m },
    d.taskCount = COUNT { MATCH (d)<-[:BENCHMARKED_ON]-(t:Task) RETURN DISTINCT t };
