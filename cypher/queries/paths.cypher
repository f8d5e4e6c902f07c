// Up to $first shortest paths between two entities, ignoring direction, all of the shortest length within
// MAX_HOPS, optionally only over some relationship types and with no entity of some labels between the ends;
// ordered by the names along them, then ids, then relationship types. Also whether each end exists.
// MAX_HOPS is a template's placeholder, not Cypher: a quantifier is a literal, so src/db/paths.ts makes one text
// per maxHops (1..6) with the number in its place: a bound tested after the search would let it run as far as the
// largest maxHops. The lower bound 0: the same id at both ends is the path of length 0.
// Up to $enumerated + 1 shortest paths are found and the first $enumerated ordered: between two far entities
// thousands may run (2,947 of 6 hops between ptunifier and 3d-molt5: 54,496 database hits to order them all,
// 27,213 for 1,000), and the work grows with them, not with the graph. `sampled` says when more were found; which
// ones are ordered then is the search's order, which another Neo4j version or plan may change.
// $from, $to: entity ids; $first: 1..20; $types: relationship types, or null for all;
// $avoidLabels: labels no entity between the ends may have ([] for none); $enumerated: how many paths are ordered
// Returns one row: fromFound, toFound, sampled (whether more than $enumerated paths were found), paths (list of
// {nodes: entity rows, edges: {type, from, to}}, in order)
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
WITH a, b, COLLECT {
  MATCH p = ALL SHORTEST (a)(()-[r]-(x:Entity)
    WHERE ($types IS NULL OR type(r) IN $types) AND (x = b OR none(l IN labels(x) WHERE l IN $avoidLabels))){0,MAX_HOPS}(b)
  RETURN p
  LIMIT $enumerated + 1
} AS found
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, size(found) > $enumerated AS sampled, COLLECT {
  UNWIND found[..$enumerated] AS p
  WITH p
  ORDER BY [n IN nodes(p) | toLower(n.name)], [n IN nodes(p) | n.id], [r IN relationships(p) | type(r)]
  LIMIT $first
  RETURN {
    nodes: [n IN nodes(p) | n {.*, label: head([l IN labels(n) WHERE l <> 'Entity'])}],
    edges: [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id}]
  }
} AS paths
