import type { Request } from 'express';

/** Where a request comes from, for rate limits and the audit trail (Express honours TRUST_PROXY_HOPS). */
export function clientAddress(req: Request): string {
  return (req.ip ?? req.socket?.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
}

export function userAgent(req: Request): string {
  return String(req.headers['user-agent'] ?? '').slice(0, 300);
}
