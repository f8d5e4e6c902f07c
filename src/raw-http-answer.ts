/**
 * A whole HTTP/1.1 answer for a socket no request handler will answer: a connection refused before Node's HTTP
 * parser takes it, a request the parser could not read. The body is the GraphQL-shaped JSON error every other
 * refusal carries; the connection closes after it.
 */
import { STATUS_CODES } from 'node:http';
import type { ErrorCode } from './errors.js';

export function rawErrorAnswer(status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): string {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  return [
    `HTTP/1.1 ${String(status)} ${STATUS_CODES[status] ?? ''}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${String(Buffer.byteLength(body))}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
