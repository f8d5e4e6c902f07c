// One shortest path between two different entities, ignoring direction, of at most $maxHops relationships, and
// whether each end exists (an unknown end is an error for the API, no path is not).
// The pattern allows the API's largest maxHops (6); paths longer than $maxHops are then discarded, which is
// exact because shortestPath returns a shortest one.
// Paths run through entities only: a Result node (a benchmark number) is no step between two entities.
// $from, $to: entity ids (different); $maxHops: 1..6
// Returns one row: fromFound, toFound, nodes (entity rows in path order) and edges ({type, from, to} in path
// order), both null when there is no path
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
OPTIONAL MATCH p = shortestPath((a)-[*..6]-(b))
  WHERE all(n IN nodes(p) WHERE n:Entity)
WITH a, b, CASE WHEN length(p) <= $maxHops THEN p END AS p
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
       [n IN nodes(p) | n {.*, label: head([l IN labels(n) WHERE l <> 'Entity'])}] AS nodes,
       [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id}] AS edges
