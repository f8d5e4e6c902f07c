// The property names of the nodes (entities and results) and their value types, per label: the columns of a
// whole-graph export.
// Returns: label, key, types (valueType() of the values, e.g. 'STRING NOT NULL', 'LIST<STRING NOT NULL> NOT NULL')
MATCH (n)
WHERE n:Entity OR n:Result
UNWIND keys(n) AS key
WITH head([l IN labels(n) WHERE l <> 'Entity']) AS label, key, valueType(n[key]) AS type
RETURN label, key, collect(DISTINCT type) AS types
ORDER BY label, key
