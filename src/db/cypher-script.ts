/** Splits a Cypher script into statements at `;`, ignoring semicolons inside strings, identifiers and comments. */

export interface ScriptStatement {
  /** 1-based position of the statement in its file. */
  number: number;
  /** 1-based line on which the statement starts. */
  line: number;
  text: string;
}

export function splitStatements(script: string): ScriptStatement[] {
  const statements: ScriptStatement[] = [];
  let current = '';
  let line = 1;
  let startLine: number | null = null;
  let i = 0;
  const flush = (): void => {
    const text = current.trim();
    if (text !== '' && startLine !== null) {
      statements.push({ number: statements.length + 1, line: startLine, text });
    }
    current = '';
    startLine = null;
  };
  const take = (chunk: string, counts: boolean): void => {
    if (counts && startLine === null && chunk.trim() !== '') startLine = line;
    current += chunk;
    line += chunk.split('\n').length - 1;
  };
  while (i < script.length) {
    const ch = script[i] as string;
    const next = script[i + 1];
    if (ch === '/' && next === '/') {
      const end = script.indexOf('\n', i);
      const stop = end === -1 ? script.length : end;
      // Comments are dropped from the statement but still advance the line count.
      line += script.slice(i, stop).split('\n').length - 1;
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = script.indexOf('*/', i + 2);
      const stop = end === -1 ? script.length : end + 2;
      line += script.slice(i, stop).split('\n').length - 1;
      i = stop;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < script.length && script[j] !== ch) j += script[j] === '\\' && ch !== '`' ? 2 : 1;
      take(script.slice(i, j + 1), true);
      i = j + 1;
    } else if (ch === ';') {
      flush();
      i += 1;
    } else {
      take(ch, true);
      i += 1;
    }
  }
  flush();
  return statements;
}
