// One shortest path between two entities, ignoring direction, of at most $maxHops relationships.
// The pattern allows the API's largest maxHops (6); paths longer than $maxHops are then discarded, which is
// exact because shortestPath returns a shortest one.
// Paths run through entities only: a Result node (a benchmark number) is no step between two entities.
// $from, $to: entity ids (different); $maxHops: 1..6
// Returns: nodes (entity rows in path order), edges ({type, from, to} in path order)
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE all(n IN nodes(p) WHERE n:Entity)
WITH p
WHERE length(p) <= $maxHops
RETURN [n IN nodes(p) | n {.*, label: head([l IN labels(n) WHERE l <> 'Entity'])}] AS nodes,
       [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id}] AS edges
LIMIT 1
