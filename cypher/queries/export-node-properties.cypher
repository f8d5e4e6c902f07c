// The property names of the nodes (entities and results) and their value types, per label: the columns of a
// whole-graph export. The properties cypher/derived/ stores (search and sort helpers, counts) are no columns.
// $derived: the names of those properties (db/derived-properties.ts)
// Returns: label, key, types (valueType() of the values, e.g. 'STRING NOT NULL', 'LIST<STRING NOT NULL> NOT NULL')
MATCH (n)
WHERE n:Entity OR n:Result
UNWIND [key IN keys(n) WHERE NOT key IN $derived] AS key
WITH head([l IN labels(n) WHERE l <> 'Entity']) AS label, key, valueType(n[key]) AS type
RETURN label, key, collect(DISTINCT type) AS types
ORDER BY label, key
