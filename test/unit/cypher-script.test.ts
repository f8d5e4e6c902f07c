import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { prepareStatement, splitStatements } from '../../src/db/cypher-script.js';
import { SCRIPT_DIRS } from '../../src/db/scripts.js';

describe('splitStatements', () => {
  it('splits at semicolons and reports each statement number and starting line', () => {
    const script = '// header\nCREATE (a);\n\nMATCH (n)\nRETURN n;\n';
    expect(splitStatements(script)).toEqual([
      { number: 1, line: 2, text: 'CREATE (a)' },
      { number: 2, line: 4, text: 'MATCH (n)\nRETURN n' },
    ]);
  });

  it('keeps semicolons and comment markers inside strings and backticks', () => {
    const script = `RETURN "a;b // not a comment", 'it\\'s; fine', \`odd;name\`;\nRETURN 2;`;
    const statements = splitStatements(script);
    expect(statements.map((s) => s.text)).toEqual([
      `RETURN "a;b // not a comment", 'it\\'s; fine', \`odd;name\``,
      'RETURN 2',
    ]);
  });

  it('drops line and block comments but counts their lines', () => {
    const script = '/* one\ntwo */\n// three\nRETURN 1 // trailing\n;\nRETURN 2';
    expect(splitStatements(script)).toEqual([
      { number: 1, line: 4, text: 'RETURN 1' },
      { number: 2, line: 6, text: 'RETURN 2' },
    ]);
  });

  it('returns nothing for a script of comments and blank lines', () => {
    expect(splitStatements('// nothing\n\n  \n')).toEqual([]);
  });
});

describe('prepareStatement', () => {
  it('sends the literal rows of a leading UNWIND as a parameter, integers as Integers, the rest of the text unchanged', () => {
    const text = `UNWIND [\n  {id: "a\\"b", n: 2024, f: 1.5, e: -2.5e-3, on: true, off: false, none: null, l: ['x', "it's \\u00e9\\n"]},\n  {}\n] AS props\nMERGE (n:Entity {id: props.id})\nSET n = props`;
    expect(prepareStatement(text)).toEqual({
      query: 'UNWIND $scriptRows AS props\nMERGE (n:Entity {id: props.id})\nSET n = props',
      params: {
        scriptRows: [{ id: 'a"b', n: neo4j.int(2024), f: 1.5, e: -0.0025, on: true, off: false, none: null, l: ['x', "it's \u00e9\n"] }, {}],
      },
    });
  });

  it('sends as written what is not a literal list it can read exactly', () => {
    for (const text of [
      'MATCH (n) RETURN n',
      'UNWIND [1, 2 + 3] AS x RETURN x',
      'UNWIND [{`odd key`: 1}] AS x RETURN x',
      'UNWIND [1.0] AS x RETURN x',
      'UNWIND [9007199254740993] AS x RETURN x',
      'UNWIND ["\\q"] AS x RETURN x',
      'UNWIND ["\\U0001F600"] AS x RETURN x',
      'UNWIND [$p] AS x RETURN x',
      'UNWIND [1] + [2] AS x RETURN x',
    ]) {
      expect(prepareStatement(text), text).toEqual({ query: text, params: {} });
    }
  });

  it('sends every statement of the seed scripts with its rows as a parameter', () => {
    for (const file of readdirSync(SCRIPT_DIRS.seed).filter((name) => name.endsWith('.cypher'))) {
      for (const statement of splitStatements(readFileSync(path.join(SCRIPT_DIRS.seed, file), 'utf8'))) {
        expect(prepareStatement(statement.text).query, `${file} statement ${String(statement.number)}`).toMatch(/^UNWIND \$scriptRows AS \w+\n/);
      }
    }
  });
});
