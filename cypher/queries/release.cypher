// The release the graph holds, once it has been built and verified (see src/db/seeding.ts).
// Returns: version, seededAt (ISO 8601), source
MATCH (r:Release {id: 'release', state: 'ready'})
RETURN r.version AS version, toString(r.seededAt) AS seededAt, r.source AS source
