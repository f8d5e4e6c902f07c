/**
 * Splits a Cypher script into statements at `;`, ignoring semicolons inside strings, identifiers and comments,
 * and prepares each for sending (the literal rows of a seed statement go as a parameter).
 */
import neo4j from 'neo4j-driver';

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

/** A statement as sent to Neo4j: its text and the parameters the text refers to. */
export interface PreparedStatement {
  query: string;
  params: Record<string, unknown>;
}

/** The rows of a leading `UNWIND [literal list] AS name`, sent as this parameter instead of as text. */
const ROWS_PARAMETER = 'scriptRows';

const UNWIND_HEAD = /^UNWIND\s*\[/i;
const AS_NAME = /^\s+AS\s+([A-Za-z_][A-Za-z0-9_]*)(?=\s)/i;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?(?![A-Za-z0-9_.])/y;
const WORD = /(?:true|false|null)(?![A-Za-z0-9_])/y;
const STRING_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Thrown inside the literal reader when the text is not one of the literals it knows; the statement then goes as text. */
class NotALiteral extends Error {}

/**
 * Reads one Cypher literal of the kinds the seed scripts write (lists, maps with plain keys, quoted strings,
 * numbers, true/false/null) from `text` at `start`. Integers become Neo4j Integers and other numbers floats, so
 * the value is exactly the one Neo4j would make of the text; anything else (an expression, a whole-number float
 * such as 1.0 that a JS number cannot keep a float, an escape other than JSON's, e.g. \\U, which Neo4j 5 keeps
 * as written) throws NotALiteral.
 */
function readLiteral(text: string, start: number): { value: unknown; end: number } {
  let i = start;
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i += 1;
  };
  const match = (pattern: RegExp): RegExpExecArray | null => {
    pattern.lastIndex = i;
    const found = pattern.exec(text);
    if (found) i = pattern.lastIndex;
    return found;
  };
  const expect = (ch: string): void => {
    skipSpace();
    if (text[i] !== ch) throw new NotALiteral();
    i += 1;
  };
  const items = <T>(close: string, item: () => T): T[] => {
    const out: T[] = [];
    skipSpace();
    if (text[i] === close) {
      i += 1;
      return out;
    }
    for (;;) {
      out.push(item());
      skipSpace();
      const ch = text[i];
      i += 1;
      if (ch === close) return out;
      if (ch !== ',') throw new NotALiteral();
    }
  };
  const readString = (quote: string): string => {
    let out = '';
    for (;;) {
      const ch = text[i];
      if (ch === undefined) throw new NotALiteral();
      i += 1;
      if (ch === quote) return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const escape = text[i] ?? '';
      i += 1;
      if (escape === 'u') {
        const hex = text.slice(i, i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new NotALiteral();
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 4;
      } else if (escape in STRING_ESCAPES) {
        out += STRING_ESCAPES[escape];
      } else {
        throw new NotALiteral();
      }
    }
  };
  const value = (): unknown => {
    skipSpace();
    const ch = text[i];
    if (ch === '[') {
      i += 1;
      return items(']', value);
    }
    if (ch === '{') {
      i += 1;
      return Object.fromEntries(items('}', () => {
        skipSpace();
        const key = match(IDENTIFIER)?.[0];
        if (key === undefined) throw new NotALiteral();
        expect(':');
        return [key, value()];
      }));
    }
    if (ch === '"' || ch === "'") {
      i += 1;
      return readString(ch);
    }
    const word = match(WORD)?.[0];
    if (word !== undefined) return word === 'null' ? null : word === 'true';
    const number = match(NUMBER);
    if (number === null) throw new NotALiteral();
    const parsed = Number(number[0]);
    if (number[1] === undefined && number[2] === undefined) {
      if (!Number.isSafeInteger(parsed)) throw new NotALiteral();
      return neo4j.int(parsed);
    }
    if (Number.isInteger(parsed) || !Number.isFinite(parsed)) throw new NotALiteral();
    return parsed;
  };
  const result = value();
  return { value: result, end: i };
}

/**
 * The statement as it is best sent: a leading `UNWIND [literal list] AS name` goes with its list as a parameter,
 * the rest of the text unchanged. Neo4j parses and plans a literal list as part of the query, entry by entry, and
 * every batch of rows is a different query text that misses its plan cache; as a parameter the rows cost nothing
 * to plan and all batches of a script share one plan. Any other statement goes as written.
 */
export function prepareStatement(text: string): PreparedStatement {
  const head = UNWIND_HEAD.exec(text);
  if (head) {
    try {
      const listStart = head[0].length - 1;
      const { value, end } = readLiteral(text, listStart);
      const as = AS_NAME.exec(text.slice(end));
      if (as) {
        return { query: `UNWIND $${ROWS_PARAMETER} AS ${as[1] ?? ''}${text.slice(end + as[0].length)}`, params: { [ROWS_PARAMETER]: value } };
      }
    } catch (error) {
      if (!(error instanceof NotALiteral)) throw error;
    }
  }
  return { query: text, params: {} };
}
