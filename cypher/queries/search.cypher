// The candidates of several searches at once (Query.search sends one, Query.resolve one per name): every probe of
// a request is one full-text query (cypher/schema/02-indexes.cypher); the near misses of its key only when no
// entity has the key itself, fewer than $few begin with it and fewer than $few hold every word (a fuzzy query
// costs ten exact ones). A search of some kinds probes every kind, since entities of the others count for the
// ranking (links), and src/db/search.ts ranks the candidates and keeps its kinds; only when fewer than `first` of
// them are found do its fill probes (the same, restricted to its kinds) look for more.
// $requests: [{index, key, probes: [{indexName, query, limit}], keyProbe, coverProbes, near, kinds, first, fill,
// fillNear}] (limit: the hits read from a probe; keyProbe: the position of the key's probe or null; coverProbes: the
// positions of those whose hits hold every word; near: the probes of the near misses (of the key, of the words in
// names), as probes; kinds: the labels kept or null; fill, fillNear: probes and near misses restricted to the kinds,
// fill at positions after those of probes); $few
// Returns: one row per request that found something: request (its index), candidates (one list per candidate,
// positions instead of keys, which the driver would otherwise decode for every candidate: id, name, aliases,
// searchKeys, label (searchKind), degree (searchDegree; both stored by cypher/derived/search-keys.cypher),
// scores: [probe position, score] per probe that found it, as floats, position -1 for the near misses (-2 for the
// fill's), and for a
// request that searches words, i.e. has cover probes, texts: [description, paperTitle, topics, searchLinks])
UNWIND $requests AS request
CALL (request) {
  UNWIND range(0, size(request.probes) - 1) AS p
  CALL db.index.fulltext.queryNodes(request.probes[p].indexName, request.probes[p].query, {limit: request.probes[p].limit})
    YIELD node, score
  RETURN collect([p, node, score]) AS found
}
WITH request, found,
     request.kinds IS NOT NULL
       AND COUNT { UNWIND found AS hit WITH DISTINCT hit[1] AS n WHERE n.searchKind IN request.kinds RETURN n } < request.first AS filling
CALL (request, found, filling) {
  WITH request, filling
  WHERE filling
  UNWIND range(0, size(request.fill) - 1) AS p
  CALL db.index.fulltext.queryNodes(request.fill[p].indexName, request.fill[p].query, {limit: request.fill[p].limit})
    YIELD node, score
  RETURN collect([size(request.probes) + p, node, score]) AS filled
}
// The near misses of the probes, and of the fill's as if they were the probes of a search of its kinds alone.
CALL (request, found, filling, filled) {
  UNWIND [[found, 0, request.near, -1], [filled, size(request.probes), CASE WHEN filling THEN request.fillNear ELSE [] END, -2]] AS probed
  WITH request, probed[0] AS hits, probed[1] AS offset, probed[2] AS nearProbes, probed[3] AS position
  WHERE size(nearProbes) > 0
    AND size([f IN hits WHERE f[0] = request.keyProbe + offset]) < $few
    AND NOT any(f IN hits WHERE f[0] = request.keyProbe + offset AND request.key IN f[1].searchKeys)
    AND size([f IN hits WHERE f[0] - offset IN request.coverProbes]) < $few
  UNWIND nearProbes AS probe
  CALL db.index.fulltext.queryNodes(probe.indexName, probe.query, {limit: probe.limit}) YIELD node, score
  RETURN collect([position, node, score]) AS near
}
UNWIND found + filled + near AS hit
WITH request, hit[1] AS n, collect([toFloat(hit[0]), hit[2]]) AS scores
RETURN request.index AS request,
       collect([n.id, n.name, n.aliases, n.searchKeys, n.searchKind, n.searchDegree, scores,
                CASE WHEN request.coverProbes <> [] THEN [n.description, n.paperTitle, n.topics, n.searchLinks] END]) AS candidates
