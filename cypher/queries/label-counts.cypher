// Nodes per label (a node counts once for each label, Entity included); the release marker is not a fact.
// Returns: label, count
MATCH (n)
WHERE NOT n:Release
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
