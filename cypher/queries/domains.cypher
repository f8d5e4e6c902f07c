// All domains, by name.
// Returns: node (Domain row)
MATCH (n:Domain)
RETURN n {.*, label: 'Domain'} AS node
ORDER BY toLower(n.name), n.id
