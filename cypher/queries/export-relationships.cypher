// One page of a whole-graph export's relationships: those starting at the next $limit nodes (entities and results)
// after $after in id order, of one type or of all, by type and end id. Keyed on the start node like export-nodes,
// so a page never splits one node's relationships and the pages of both hold the same nodes.
// $after: last start id of the previous page ('' for the first); $type: a relationship type or null; $limit: nodes per page
// Returns: id (start node id), edges (list of {type, from, to, properties})
CALL () {
  MATCH (a:Entity)
  WHERE a.id > $after
  RETURN a
  ORDER BY a.id
  LIMIT $limit
  UNION ALL
  MATCH (a:Result)
  WHERE a.id > $after
  RETURN a
  ORDER BY a.id
  LIMIT $limit
}
WITH a
ORDER BY a.id
LIMIT $limit
RETURN a.id AS id,
       COLLECT {
         MATCH (a)-[r]->(b)
         WHERE (b:Entity OR b:Result) AND ($type IS NULL OR type(r) = $type)
         WITH r, b
         ORDER BY type(r), b.id
         RETURN {type: type(r), from: a.id, to: b.id, properties: properties(r)}
       } AS edges
