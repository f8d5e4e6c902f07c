// Sizes of the graph, read from the count store.
// Returns: domains, tasks, datasets, models, organizations, relationships
CALL () { MATCH (n:Domain) RETURN count(n) AS domains }
CALL () { MATCH (n:Task) RETURN count(n) AS tasks }
CALL () { MATCH (n:Dataset) RETURN count(n) AS datasets }
CALL () { MATCH (n:Model) RETURN count(n) AS models }
CALL () { MATCH (n:Organization) RETURN count(n) AS organizations }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN domains, tasks, datasets, models, organizations, relationships
