/**
 * Structured logs with pino: one JSON line per request (pino-http) and Nest's own logger writing through the
 * same pino instance, so that a line logged while a request is served carries that request (its id, method and
 * url). The request's logger travels in an AsyncLocalStorage set by the HTTP middleware.
 *
 * Small on purpose: nestjs-pino did this, but its releases for Nest 12 require Node 22 while this product
 * promises Node 20.
 */
import type { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger as Pino, type LevelWithSilent } from 'pino';
import { pinoHttp } from 'pino-http';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

export interface RequestLogging {
  /** Express-style middleware: logs the request when it ends and makes its logger current while it runs. */
  middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
  /** Nest's logger, writing through pino (the request's child logger while one is current). */
  nestLogger: LoggerService;
}

export function requestLogging(level: LevelWithSilent): RequestLogging {
  const root = pino({ level });
  const current = new AsyncLocalStorage<Pino>();
  const http = pinoHttp({
    logger: root,
    // A caller's request id is kept when it looks like one; otherwise each request gets its own.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
  });
  const middleware: RequestLogging['middleware'] = (req, res, next) => {
    http(req, res);
    current.run((req as IncomingMessage & { log: Pino }).log, () => next());
  };
  return { middleware, nestLogger: new NestPinoLogger(root, () => current.getStore()) };
}

/** Nest's LoggerService over pino: the last string argument is Nest's context, an Error its stack. */
class NestPinoLogger implements LoggerService {
  constructor(
    private readonly root: Pino,
    private readonly requestLogger: () => Pino | undefined,
  ) {}

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]) {
    const logger = this.requestLogger() ?? this.root;
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) {
      logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...more } = message as Record<string, unknown>;
      // Nest's Logger passes (object, text, context): the text becomes the line's message.
      const text = typeof msg === 'string' ? msg : typeof rest[0] === 'string' ? rest[0] : undefined;
      logger[level]({ ...fields, ...more }, text);
    } else {
      // Nest passes an error's stack as the second argument of error().
      if (level === 'error' && typeof rest[0] === 'string') fields.stack = rest[0];
      logger[level](fields, String(message));
    }
  }
}
