// One shortest path between two different entities, ignoring direction, of at most MAX_HOPS relationships, and
// whether each end exists (an unknown end is an error for the API, no path is not).
// MAX_HOPS is a template's placeholder, not Cypher: a pattern's length is a literal, so src/db/paths.ts makes one
// text per maxHops (1..6) with the number in its place. The search then stops at maxHops instead of running to
// the largest and discarding what is longer.
// Paths run through entities only: a Result node (a benchmark number) is no step between two entities.
// $from, $to: entity ids (different)
// Returns one row: fromFound, toFound, nodes (entity rows in path order) and edges ({type, from, to} in path
// order), both null when there is no path
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
OPTIONAL MATCH p = shortestPath((a)-[*..MAX_HOPS]-(b))
  WHERE all(n IN nodes(p) WHERE n:Entity)
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
       [n IN nodes(p) | n {.*, label: head([l IN labels(n) WHERE l <> 'Entity'])}] AS nodes,
       [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id}] AS edges
