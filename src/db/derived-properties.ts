/**
 * The node properties cypher/derived/ stores after the seed (search keys, accent-folded copies, topics, links,
 * degrees, sort keys, counts): helpers for search, sorting and counting, computed from the facts and the
 * relationships, not facts themselves. Read from the scripts' SET clauses, so that a property a derived script
 * starts to store is known here without a second list to keep in step; a SET this cannot read (`n += {…}`,
 * `n[key] = …`) fails at start-up instead of letting an unknown property through.
 */
import { readFileSync } from 'node:fs';
import { splitStatements } from './cypher-script.js';
import { SCRIPT_DIRS, scriptFiles } from './scripts.js';

/** The words that start a clause, which ends a SET clause at the top level of a statement. */
const CLAUSES = new Set([
  'CALL', 'CREATE', 'DELETE', 'DETACH', 'FINISH', 'FOREACH', 'LIMIT', 'MATCH', 'MERGE', 'ON', 'OPTIONAL', 'ORDER',
  'REMOVE', 'RETURN', 'SET', 'SKIP', 'UNION', 'UNWIND', 'WHERE', 'WITH',
]);

// String literals and quoted names become empty strings first, so that no text inside them is read as Cypher.
const LITERAL = /'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`[^`]*`/g;
const TOKEN = /[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|\S/g;
const OPENING = new Set(['(', '[', '{']);
const CLOSING = new Set([')', ']', '}']);

/** The items of each top-level SET clause of a statement (comments already removed), each as its tokens. */
function setItems(statement: string): string[][] {
  const items: string[][] = [];
  let item: string[] | null = null;
  let depth = 0;
  for (const token of statement.replace(LITERAL, "''").match(TOKEN) ?? []) {
    if (depth === 0 && CLAUSES.has(token.toUpperCase())) {
      item = token.toUpperCase() === 'SET' ? [] : null;
      if (item) items.push(item);
    } else if (depth === 0 && token === ',' && item) {
      item = [];
      items.push(item);
    } else {
      if (OPENING.has(token)) depth += 1;
      if (CLOSING.has(token)) depth -= 1;
      item?.push(token);
    }
  }
  return items;
}

/** The properties a Cypher script SETs by name (`n.name = …`); a label it sets (`n:Label`) is no property. */
export function propertiesSetBy(script: string): string[] {
  const properties = new Set<string>();
  for (const statement of splitStatements(script)) {
    for (const [, operator, property, assignment] of setItems(statement.text)) {
      if (operator === ':') continue;
      if (operator !== '.' || property === undefined || assignment !== '=') {
        throw new Error(`cannot tell which property this SET stores (line ${String(statement.line)}): ${statement.text}`);
      }
      properties.add(property);
    }
  }
  return [...properties].sort();
}

function derivedProperties(dir: string): string[] {
  return [...new Set(scriptFiles(dir).flatMap((file) => propertiesSetBy(readFileSync(file, 'utf8'))))].sort();
}

/** Every property the scripts of cypher/derived/ store, in name order: what the exports leave out. */
export const DERIVED_PROPERTIES: readonly string[] = derivedProperties(SCRIPT_DIRS.derived);
