// developerIds: the ids of every organisation that developed this model and of every organisation those are part of,
// directly or through others, each once, stored after the seed so that the developedBy filter tests a list instead
// of searching the PART_OF tree from every model it looks at (one count of the whole list with developedBy:
// "alphabet" read 125,226 database hits that way; 30 aliased counts took 0.4-1.4 s). A model with no developer has
// no such property (no empty lists in the graph). Pure Cypher, safe to rerun.
MATCH (m:Model)
WITH m, COLLECT {
  MATCH (m)-[:DEVELOPED_BY]->(:Organization)-[:PART_OF]->*(o:Organization)
  RETURN DISTINCT o.id AS id ORDER BY id
} AS developerIds
SET m.developerIds = CASE WHEN developerIds = [] THEN null ELSE developerIds END;
