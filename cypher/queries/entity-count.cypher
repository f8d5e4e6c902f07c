// How many entities the graph holds; zero means it has not been seeded.
// Returns: count
MATCH (n:Entity)
RETURN count(n) AS count
