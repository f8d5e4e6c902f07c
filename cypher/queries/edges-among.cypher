// Every relationship whose two ends are both in $ids.
// Starts from each id by index (a seek per id), whatever the planner thinks of the IN list on a large graph.
// $ids: entity ids
// Returns: type, from, to
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
WHERE b.id IN $ids
RETURN type(r) AS type, a.id AS from, b.id AS to
ORDER BY from, type, to
