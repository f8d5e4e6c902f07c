import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/db/cypher-script.js';

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
