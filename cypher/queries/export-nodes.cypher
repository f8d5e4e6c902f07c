// One page of a whole-graph export: the entities after $after in id order, of one label or of all.
// Reads the unique id index in order, so every page costs what the first costs.
// $after: last id of the previous page ('' for the first); $label: a label or null for all; $limit: page size
// Returns: node (entity row with its label)
MATCH (n:Entity)
WHERE n.id > $after AND ($label IS NULL OR $label IN labels(n))
RETURN n {.*, label: head([l IN labels(n) WHERE l <> 'Entity'])} AS node
ORDER BY n.id
LIMIT $limit
