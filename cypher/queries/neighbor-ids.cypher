// The entities one relationship away from any of $ids (either direction) that are not in $seen, closest names
// first, at most $limit of them: one breadth-first step of Query.neighborhood.
// $ids: frontier ids; $seen: ids already collected; $limit: how many to return
// Returns: id
UNWIND $ids AS id
MATCH (:Entity {id: id})--(n:Entity)
WHERE NOT n.id IN $seen
WITH DISTINCT n
RETURN n.id AS id
ORDER BY toLower(n.name), n.id
LIMIT $limit
