// One page of a whole-graph export's relationships: those starting at the next $limit entities after $after in
// id order, of one type or of all, by type and end id. Keyed on the start entity, so a page never splits one
// entity's relationships.
// $after: last start id of the previous page ('' for the first); $type: a relationship type or null; $limit: entities per page
// Returns: id (start entity id), edges (list of {type, from, to, properties})
MATCH (a:Entity)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
RETURN a.id AS id,
       COLLECT {
         MATCH (a)-[r]->(b:Entity)
         WHERE $type IS NULL OR type(r) = $type
         WITH r, b
         ORDER BY type(r), b.id
         RETURN {type: type(r), from: a.id, to: b.id, properties: properties(r)}
       } AS edges
