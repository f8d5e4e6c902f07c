// Full-text search over name and description of all entities, best first.
// $query: a Lucene query built from escaped user terms; $first: how many hits
// Returns: node (entity row), score
CALL db.index.fulltext.queryNodes('entity_text', $query, {limit: $first}) YIELD node AS n, score
RETURN n {.*, label: head([l IN labels(n) WHERE l <> 'Entity'])} AS node, score
ORDER BY score DESC, toLower(n.name), n.id
LIMIT $first
