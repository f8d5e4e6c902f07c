/**
 * Requests Node's HTTP parser refuses before any handler sees them get the JSON error every other refusal gets,
 * with a code; Node's own answers to them are empty. Which status for which failure, and when to answer at all,
 * are Node's (socketOnError in node:http): no answer on a connection whose current answer has begun, since bytes
 * written then would corrupt it.
 */
import { maxHeaderSize, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { ErrorCode } from './errors.js';
import { rawErrorAnswer } from './raw-http-answer.js';

/** The answer to a parser error of `code` (Node's error code), as a raw HTTP/1.1 message. */
export function clientErrorAnswer(code: string | undefined): string {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return rawErrorAnswer(431, ErrorCode.BAD_REQUEST, `The request line and headers are larger than ${String(maxHeaderSize)} bytes.`);
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return rawErrorAnswer(413, ErrorCode.PAYLOAD_TOO_LARGE, 'The chunk extensions of the request body are too large.');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return rawErrorAnswer(408, ErrorCode.BAD_REQUEST, 'The request was not received in time.');
    default:
      return rawErrorAnswer(400, ErrorCode.BAD_REQUEST, 'The request is not valid HTTP.');
  }
}

/** The answer in progress on a socket, if any: node:http keeps it there while it is written. */
function answerInProgress(socket: Socket): { headersSent: boolean } | undefined {
  return (socket as Socket & { _httpMessage?: { headersSent: boolean } | null })._httpMessage ?? undefined;
}

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable || answerInProgress(socket)?.headersSent) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorAnswer(error.code), () => socket.destroy());
  });
}
