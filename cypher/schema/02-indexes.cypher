// Indexes for the fields the API filters and sorts on, and the full-text index behind Query.search.
CREATE INDEX model_name IF NOT EXISTS FOR (n:Model) ON (n.name);
CREATE INDEX model_year IF NOT EXISTS FOR (n:Model) ON (n.year);
CREATE INDEX model_parameters IF NOT EXISTS FOR (n:Model) ON (n.parameters);
// (key, id) in one index hands out pages ordered by year or parameters, ties by id, without sorting.
CREATE INDEX model_year_id IF NOT EXISTS FOR (n:Model) ON (n.year, n.id);
CREATE INDEX model_parameters_id IF NOT EXISTS FOR (n:Model) ON (n.parameters, n.id);
// Counts stored by cypher/derived/ sort model lists the same way (DERIVATIVES, DESCENDANTS, DATASETS).
CREATE INDEX model_derivative_count_id IF NOT EXISTS FOR (n:Model) ON (n.derivativeCount, n.id);
CREATE INDEX model_descendant_count_id IF NOT EXISTS FOR (n:Model) ON (n.descendantCount, n.id);
CREATE INDEX model_dataset_count_id IF NOT EXISTS FOR (n:Model) ON (n.datasetCount, n.id);
CREATE INDEX model_organization IF NOT EXISTS FOR (n:Model) ON (n.organization);
// The lowercased name of cypher/derived/, with the id: a first page by name (the default order) walks it in page
// order instead of sorting the whole filtered list.
CREATE INDEX model_name_key_id IF NOT EXISTS FOR (n:Model) ON (n.nameKey, n.id);
CREATE INDEX domain_name IF NOT EXISTS FOR (n:Domain) ON (n.name);
CREATE INDEX task_name IF NOT EXISTS FOR (n:Task) ON (n.name);
CREATE INDEX dataset_name IF NOT EXISTS FOR (n:Dataset) ON (n.name);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX dataset_modality IF NOT EXISTS FOR (n:Dataset) ON (n.modality);
// The two indexes behind Query.search and Query.resolve, over the derived properties of
// cypher/derived/search-keys.cypher: keys of names, ids and aliases, matched whole (exact, prefix, fuzzy), and words
// of names, aliases, descriptions, paper titles and topics, stemmed (`cells` finds `cell`) and lowercased by the
// English analyzer; the folded* copies make accents optional. searchKind lets both filter by kind.
CREATE FULLTEXT INDEX entity_keys IF NOT EXISTS FOR (n:Entity) ON EACH [n.searchKeys, n.searchKind]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
// The earlier definitions of the words index, under other names (entity_text: names and descriptions only;
// entity_words: without paper titles): a graph built before keeps its indexes (CREATE ... IF NOT EXISTS), and
// nothing reads these any more. Dropped first: CREATE ... IF NOT EXISTS does nothing when an index of the same
// definition exists under another name.
DROP INDEX entity_text IF EXISTS;
DROP INDEX entity_words IF EXISTS;
CREATE FULLTEXT INDEX entity_fulltext IF NOT EXISTS FOR (n:Entity)
  ON EACH [n.name, n.foldedName, n.aliases, n.foldedAliases, n.description, n.foldedDescription, n.paperTitle,
    n.foldedPaperTitle, n.topics, n.searchKind]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
// Queries that follow may rely on the indexes above, so wait until they are online.
CALL db.awaitIndexes(300);
