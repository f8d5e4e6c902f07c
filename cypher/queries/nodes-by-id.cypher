// Entities by id, of any label (the batch behind every lookup by id).
// $ids: list of ids
// Returns: node (entity row with its label)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n {.*, label: head([l IN labels(n) WHERE l <> 'Entity'])} AS node
