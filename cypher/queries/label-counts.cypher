// Nodes per label (a node counts once for each label, Entity included).
// Returns: label, count
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
