// Organisations, optionally only those of one kind and/or country, by name.
// $kind: kind in the data's lowercase or null; $country: ISO 3166-1 alpha-2 code or null
// Returns: node (Organization row)
MATCH (n:Organization)
WHERE ($kind IS NULL OR n.kind = $kind)
  AND ($country IS NULL OR n.country = toUpper($country))
RETURN n {.*, label: 'Organization'} AS node
ORDER BY toLower(n.name), n.id
