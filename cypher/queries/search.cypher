// Search and name resolution for several requests at once (Query.search sends one, Query.resolve one per name).
// A request matches its key (its text in lowercase letters and digits) against the entities' search keys (name,
// id and aliases; cypher/derived/search-keys.cypher) exactly and as a prefix, and its words against names,
// aliases, descriptions and topics through the stemming analyzer; only when neither finds much, its key fuzzily.
// How the parts add up to a score is explained in src/db/search.ts.
// $requests: [{index, text, key, first, keyQuery, fuzzyQuery, words: [{on, query, weight}],
//              topicQuery, coverQuery, coverBonus}]
// $weights: {exact, literal, prefix, fuzzy, text, topic, allWords, popularity}; $pool: most hits read per probe;
// $few: below this many key matches and entities with every word, fuzzy matching runs; $maxDegree: see search.ts
// Returns: index, hits ([{node, score, matchedOn, exact}], best first, at most `first`)
UNWIND $requests AS request
CALL (request) {
  // Exact and prefix matches of the key: per entity its best key (a name before an alias before the id on a tie).
  CALL (request) {
    WITH request WHERE request.keyQuery IS NOT NULL
    CALL db.index.fulltext.queryNodes('entity_keys', request.keyQuery, {limit: $pool}) YIELD node AS n
    UNWIND range(0, size(n.searchKeys) - 1) AS i
    WITH request, n, i, n.searchKeys[i] AS k WHERE k STARTS WITH request.key
    WITH n, CASE i WHEN 0 THEN 'name' WHEN 1 THEN 'id' ELSE 'alias' END AS on, k = request.key AS exact,
         CASE i WHEN 0 THEN 0.002 WHEN 1 THEN 0.0 ELSE 0.001 END
         + CASE WHEN k = request.key THEN $weights.exact ELSE $weights.prefix * toFloat(size(request.key)) / size(k) END AS key
    ORDER BY key DESC
    WITH n, collect({on: on, key: key, exact: exact})[0] AS best
    RETURN collect({node: n, on: best.on, key: best.key, exact: best.exact}) AS keyHits
  }
  // Words in names, aliases and descriptions, each weighted by where they matched.
  CALL (request) {
    UNWIND request.words AS probe
    CALL db.index.fulltext.queryNodes('entity_words', probe.query, {limit: $pool}) YIELD node AS n, score
    RETURN collect({node: n, on: probe.on, text: probe.weight * score}) AS wordHits
  }
  // Flat bonuses, whatever the length of the fields: every word among the entity's topics; every word somewhere.
  CALL (request) {
    WITH request WHERE request.topicQuery IS NOT NULL
    CALL db.index.fulltext.queryNodes('entity_words', request.topicQuery, {limit: $pool}) YIELD node AS n
    RETURN collect({node: n, on: 'topic', bonus: $weights.topic}) AS topicHits
  }
  CALL (request) {
    WITH request WHERE request.coverQuery IS NOT NULL
    CALL db.index.fulltext.queryNodes('entity_words', request.coverQuery, {limit: $pool}) YIELD node AS n
    RETURN collect({node: n, bonus: request.coverBonus}) AS coverHits
  }
  // Near misses of the key, only when neither the key nor all the words were found as typed; scaled by the best.
  // A near miss is reported on the key closest in length to the text's.
  CALL (request, keyHits, coverHits) {
    WITH request WHERE request.fuzzyQuery IS NOT NULL AND size(keyHits) < $few AND size(coverHits) < $few
    CALL db.index.fulltext.queryNodes('entity_keys', request.fuzzyQuery, {limit: $pool}) YIELD node AS n, score
    WITH request, collect({n: n, score: score}) AS found, max(score) AS top
    UNWIND found AS f
    WITH request, f, top, reduce(b = 0, i IN range(0, size(f.n.searchKeys) - 1) |
      CASE WHEN abs(size(f.n.searchKeys[i]) - size(request.key)) < abs(size(f.n.searchKeys[b]) - size(request.key)) THEN i ELSE b END) AS i
    RETURN collect({node: f.n, on: CASE i WHEN 0 THEN 'name' WHEN 1 THEN 'id' ELSE 'alias' END,
                    key: $weights.fuzzy * f.score / top, exact: false}) AS fuzzyHits
  }
  UNWIND keyHits + fuzzyHits + wordHits + topicHits + coverHits AS hit
  WITH request, hit.node AS n, collect(hit) AS hits
  WITH request, n,
       reduce(b = null, h IN hits | CASE WHEN h.key IS NOT NULL AND (b IS NULL OR h.key > b.key) THEN h ELSE b END) AS keyed,
       reduce(b = null, h IN hits | CASE WHEN h.text IS NOT NULL AND (b IS NULL OR h.text > b.text) THEN h ELSE b END) AS worded,
       reduce(t = 0.0, h IN hits | t + coalesce(h.text, 0.0)) AS text,
       reduce(t = 0.0, h IN hits | t + coalesce(h.bonus, 0.0)) AS bonus,
       any(h IN hits WHERE h.on = 'topic') AS onTopic
  WITH request, collect({n: n, keyed: keyed, worded: worded, text: text, bonus: bonus, onTopic: onTopic}) AS rows,
       max(text) AS topText
  UNWIND rows AS row
  WITH request, row, row.n AS n,
       CASE WHEN topText > 0 THEN $weights.text * row.text / topText ELSE 0.0 END + row.bonus AS text
  // Well-connected entities a little first; hubs count as $maxDegree links, or they would top every list.
  WITH request, row, n, text, COUNT { (n)--() } AS degree
  WITH request, row, n,
       coalesce(row.keyed.key, 0.0) + text
       + CASE WHEN request.text IN [x IN [n.name, n.id] + coalesce(n.aliases, []) | toLower(x)] THEN $weights.literal ELSE 0.0 END
       + $weights.popularity * log(1 + CASE WHEN degree < $maxDegree THEN degree ELSE $maxDegree END) AS score
  ORDER BY score DESC, toLower(n.name), n.id
  // Only the hits returned are projected in full.
  WITH request, collect({n: n, score: score, exact: coalesce(row.keyed.exact, false),
                         matchedOn: coalesce(row.keyed.on, row.worded.on, CASE WHEN row.onTopic THEN 'topic' END, 'description')})[0..request.first] AS ranked
  UNWIND range(0, size(ranked) - 1) AS rank
  WITH rank, ranked[rank] AS hit, ranked[rank].n AS n
  ORDER BY rank
  RETURN collect({node: n {.*, label: head([l IN labels(n) WHERE l <> 'Entity'])}, score: hit.score,
                  matchedOn: hit.matchedOn, exact: hit.exact}) AS hits
}
RETURN request.index AS index, hits
