// Every relationship whose two ends are both in $ids.
// $ids: entity ids
// Returns: type, from, to
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids
RETURN type(r) AS type, a.id AS from, b.id AS to
ORDER BY from, type, to
