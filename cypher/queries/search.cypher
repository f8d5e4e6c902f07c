// The candidates of several searches at once (Query.search sends one, Query.resolve one per name): every probe of
// a request is one full-text query (cypher/schema/02-indexes.cypher); the near misses of its key only when no
// entity has the key itself, fewer than $few begin with it and fewer than $few hold every word (a fuzzy query
// costs ten exact ones). src/db/search.ts ranks the candidates.
// $requests: [{index, pool, key, probes: [{indexName, query, limit}], keyProbe, coverProbes, fuzzyQuery}] (limit: the
// hits read from a probe, pool: from the near misses; keyProbe: the position of the key's probe or null; coverProbes:
// the positions of those whose hits hold every word); $few
// Returns: one row per request that found something: request (its index), candidates (one list per candidate,
// positions instead of keys, which the driver would otherwise decode for every candidate: id, name, aliases,
// searchKeys, label (searchKind), degree (searchDegree; both stored by cypher/derived/search-keys.cypher),
// scores: [probe position, score] per probe that found it, as floats, position -1 for the near misses, and for a
// request that searches words, i.e. has cover probes, texts: [description, paperTitle, topics, searchLinks])
UNWIND $requests AS request
CALL (request) {
  UNWIND range(0, size(request.probes) - 1) AS p
  CALL db.index.fulltext.queryNodes(request.probes[p].indexName, request.probes[p].query, {limit: request.probes[p].limit})
    YIELD node, score
  RETURN collect([p, node, score]) AS found
}
CALL (request, found) {
  WITH request, found
  WHERE request.fuzzyQuery IS NOT NULL
    AND size([f IN found WHERE f[0] = request.keyProbe]) < $few
    AND NOT any(f IN found WHERE f[0] = request.keyProbe AND request.key IN f[1].searchKeys)
    AND size([f IN found WHERE f[0] IN request.coverProbes]) < $few
  CALL db.index.fulltext.queryNodes('entity_keys', request.fuzzyQuery, {limit: request.pool}) YIELD node, score
  RETURN collect([-1, node, score]) AS near
}
UNWIND found + near AS hit
WITH request, hit[1] AS n, collect([toFloat(hit[0]), hit[2]]) AS scores
RETURN request.index AS request,
       collect([n.id, n.name, n.aliases, n.searchKeys, n.searchKind, n.searchDegree, scores,
                CASE WHEN request.coverProbes <> [] THEN [n.description, n.paperTitle, n.topics, n.searchLinks] END]) AS candidates
