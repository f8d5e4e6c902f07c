// Up to $first shortest paths between two entities, ignoring direction, all of the shortest length within
// $maxHops, optionally only over some relationship types and with no entity of some labels between the ends;
// ordered by the names along them, then ids, then relationship types. Also whether each end exists.
// The pattern allows the API's largest maxHops (6); longer paths are then discarded, which is exact because
// ALL SHORTEST returns only shortest ones. {0,6}: the same id at both ends is the path of length 0.
// $from, $to: entity ids; $maxHops: 1..6; $first: 1..20; $types: relationship types, or null for all;
// $avoidLabels: labels no entity between the ends may have ([] for none)
// Returns one row: fromFound, toFound, paths (list of {nodes: entity rows, edges: {type, from, to}}, in order)
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, COLLECT {
  MATCH p = ALL SHORTEST (a)(()-[r]-(x:Entity)
    WHERE ($types IS NULL OR type(r) IN $types) AND (x = b OR none(l IN labels(x) WHERE l IN $avoidLabels))){0,6}(b)
  WHERE length(p) <= $maxHops
  WITH p
  ORDER BY [n IN nodes(p) | toLower(n.name)], [n IN nodes(p) | n.id], [r IN relationships(p) | type(r)]
  LIMIT $first
  RETURN {
    nodes: [n IN nodes(p) | n {.*, label: head([l IN labels(n) WHERE l <> 'Entity'])}],
    edges: [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id}]
  }
} AS paths
