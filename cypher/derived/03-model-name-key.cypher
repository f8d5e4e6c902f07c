// The key models sort by name with (case-insensitive, then id): stored, so that the (nameKey, id) index hands out
// the default order of `models` without sorting. The graph changes only when it is reseeded. Safe to rerun.
MATCH (m:Model)
SET m.nameKey = toLower(m.name);
