// What Query.search and Query.resolve match against (indexes entity_keys and entity_fulltext), derived from the facts
// after every seed; running it again gives the same values. Properties that would be empty are left absent.

// searchKeys: the keys of the entity's name, id and aliases, in that order: lowercase letters and digits only,
// accents folded, so that `ESM-2`, `esm 2` and `Esm2` are all `esm2`. searchKind is the entity's label, so that
// both search indexes can filter by kind.
MATCH (n:Entity)
SET n.searchKeys = [x IN [n.name, n.id] + coalesce(n.aliases, []) |
      reduce(k = '', c IN split(normalize(toLower(x), NFD), '') |
        k + CASE WHEN ('a' <= c <= 'z') OR ('0' <= c <= '9') THEN c ELSE '' END)],
    n.searchKind = head([l IN labels(n) WHERE l <> 'Entity']);

// Accent-folded copies of the name, description, paper title and aliases (`Galén` -> `Galen`), only where folding
// changes something: the English analyzer lowercases and stems but keeps accents.
MATCH (n:Entity)
WITH n, [x IN [n.name, n.description, n.paperTitle] + coalesce(n.aliases, []) |
  CASE WHEN x IS NOT NULL AND normalize(x, NFD) <> x THEN
    reduce(s = '', c IN split(normalize(x, NFD), '') | s + CASE WHEN '\u0300' <= c <= '\u036f' THEN '' ELSE c END)
  END] AS folded
SET n.foldedName = folded[0],
    n.foldedDescription = folded[1],
    n.foldedPaperTitle = folded[2],
    n.foldedAliases = CASE WHEN any(a IN folded[3..] WHERE a IS NOT NULL) THEN [a IN folded[3..] WHERE a IS NOT NULL] END;

// What each entity is about, for searches by topic (`single-cell`, `pathology`): the kinds of data it holds or
// takes in, and the names of the tasks it performs or is benchmarked for.
MATCH (n:Entity)
WITH n, [m IN coalesce(n.modalities, []) + CASE WHEN n.modality IS NULL THEN [] ELSE [n.modality] END | replace(m, '-', ' ')]
        + COLLECT { MATCH (n)-[:PERFORMS]->(t:Task) RETURN t.name }
        + COLLECT { MATCH (n)<-[:BENCHMARKED_ON]-(t:Task) RETURN t.name } AS topics
SET n.topics = CASE WHEN size(topics) > 0 THEN topics END;

// searchLinks: the ids of what each entity links to (a model: the tasks it performs, the datasets it was trained
// or evaluated on and its domains; a task: the datasets it is benchmarked on), so that search can count a model
// linked to a task that matches the words, and a task or dataset that matching models link to, without walking
// relationships for every candidate.
MATCH (n:Entity)
WITH n, [(n)-[:PERFORMS|TRAINED_ON|EVALUATED_ON|IN_DOMAIN|BENCHMARKED_ON]->(x) | x.id] AS links
SET n.searchLinks = CASE WHEN size(links) > 0 THEN links END;

// How connected each entity is, which the ranking weighs as popularity: its relationships, those pointing at it
// counted three times (a model others build on, a dataset many are trained on). Stored, because a search reads it
// for each of its ~50 candidates, and counting them there was a sixth of the search statement at scale.
MATCH (n:Entity)
SET n.searchDegree = COUNT { (n)--() } + 2 * COUNT { (n)<--() };
