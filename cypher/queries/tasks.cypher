// Tasks, optionally only those of one domain, by name.
// $domain: domain id or null
// Returns: node (Task row)
MATCH (n:Task)
WHERE $domain IS NULL OR EXISTS { (:Domain {id: $domain})-[:HAS_TASK]->(n) }
RETURN n {.*, label: 'Task'} AS node
ORDER BY toLower(n.name), n.id
