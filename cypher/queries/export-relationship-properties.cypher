// The property names of the relationships and their value types, per type: the columns of a whole-graph export.
// Returns: type, key, types (valueType() of the values, e.g. 'INTEGER NOT NULL')
MATCH ()-[r]->()
UNWIND keys(r) AS key
WITH type(r) AS type, key, valueType(r[key]) AS valueType
RETURN type, key, collect(DISTINCT valueType) AS types
ORDER BY type, key
