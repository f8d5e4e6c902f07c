// One page of a whole-graph export: the nodes (entities and results) after $after in id order, of one label or of all.
// Each branch reads its label's unique id index in order and stops at $limit, so every page costs what the first costs.
// A node's properties leave out those cypher/derived/ stores: Cypher has no map minus some keys, so they travel as
// [key, value] pairs.
// $after: last id of the previous page ('' for the first); $label: a label (e.g. 'Model', 'Result') or null for all;
// $limit: page size; $derived: the names of the derived properties (db/derived-properties.ts)
// Returns: label, properties (list of [key, value])
CALL () {
  MATCH (n:Entity)
  WHERE n.id > $after AND ($label IS NULL OR $label IN labels(n))
  RETURN n
  ORDER BY n.id
  LIMIT $limit
  UNION ALL
  MATCH (n:Result)
  WHERE n.id > $after AND ($label IS NULL OR $label = 'Result')
  RETURN n
  ORDER BY n.id
  LIMIT $limit
}
WITH n
ORDER BY n.id
LIMIT $limit
RETURN head([l IN labels(n) WHERE l <> 'Entity']) AS label,
       [key IN keys(n) WHERE NOT key IN $derived | [key, n[key]]] AS properties
