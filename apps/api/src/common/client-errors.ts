/**
 * Requests Node's HTTP parser refuses before any handler sees them (headers or request line over the limit,
 * malformed HTTP) are answered in the API's error shape, Vietnamese first, instead of Node's bare status line.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { DomainError } from './domain-error.js';
import { errorBody } from './exception.filter.js';

export function answerClientErrorsInShape(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (error.code === 'ECONNRESET')) return socket.destroy();
    const code = error.code === 'HPE_HEADER_OVERFLOW' ? 'REQUEST_HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST';
    const body = JSON.stringify(errorBody(new DomainError(code), randomUUID()));
    const reason = code === 'REQUEST_HEADERS_TOO_LARGE' ? 'Request Header Fields Too Large' : 'Bad Request';
    const status = code === 'REQUEST_HEADERS_TOO_LARGE' ? 431 : 400;
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
