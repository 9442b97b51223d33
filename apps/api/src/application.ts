/**
 * Builds the running product from a validated configuration: database (server or embedded), migrations
 * under the advisory lock, optional demo data, and the HTTP application. Used by main.ts and by the tests,
 * so both run exactly the same wiring.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { errorBody } from './common/exception.filter.js';
import { answerClientErrorsInShape } from './common/client-errors.js';
import { checkJsonBody } from './common/json-body.js';
import { requestLogging } from './common/logging.js';
import { createValidationPipe } from './common/validation.js';
import { describeResponses } from './contracts/openapi-responses.js';
import { ResponseContractInterceptor } from './contracts/response-contract.interceptor.js';
import type { AppConfig } from './config/app-config.js';
import { migrateWithLock } from './database/migrate.js';
import { openDatabase, type OpenDatabase } from './database/open-database.js';
import { DemoSeeder } from './demo/demo.seeder.js';
import { CouncilsService } from './councils/councils.service.js';
import { documentIdempotencyKey } from './idempotency/openapi.js';
import { AccountsService } from './accounts/accounts.service.js';
import { CSRF_HEADER } from './access/access.guard.js';
import { webAppMiddleware } from './web/web-app.js';
import { PublicPageServer } from './publicity/public-page-server.js';

export interface RunningApplication {
  app: NestExpressApplication;
  config: AppConfig;
  database: OpenDatabase;
  /** Stops accepting requests, lets in-flight ones finish, closes the pool, then the embedded database. */
  close(): Promise<void>;
}

export const JSON_BODY_LIMIT = '256kb';

export async function createApplication(config: AppConfig, options: { embeddedFrom?: Blob } = {}): Promise<RunningApplication> {
  const database = await openDatabase(config, options.embeddedFrom);
  let app: NestExpressApplication | undefined;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database), {
      bufferLogs: true,
      bodyParser: false,
      abortOnError: false,
    });
    const logging = requestLogging(config.LOG_LEVEL);
    app.useLogger(logging.nestLogger);
    app.use(logging.middleware);
    app.disable('x-powered-by');
    answerClientErrorsInShape(app.getHttpServer() as import('node:http').Server);
    if (config.TRUST_PROXY_HOPS > 0) app.set('trust proxy', config.TRUST_PROXY_HOPS);
    app.use(helmet());
    const origins = config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
    // Same origin only unless origins are named; credentials (the session cookie) only to those.
    if (origins.length > 0) app.enableCors({ origin: origins, credentials: true, allowedHeaders: ['Content-Type', CSRF_HEADER, 'X-Request-Id', 'Idempotency-Key'], exposedHeaders: ['Idempotent-Replayed', 'Retry-After'] });
    // A public page kept for the current version of what it shows is answered here, before the rest of the stack.
    app.use(app.get(PublicPageServer).fastPath());
    // The web application (apps/web/dist) on the same port, for every GET that is not /api or /health.
    app.use(webAppMiddleware());
    app.use(cookieParser());
    app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
    app.use(checkJsonBody);
    // The public pages (publicity/) are server-rendered HTML outside /api, like the health probes.
    app.setGlobalPrefix('api', { exclude: ['health', 'health/ready', 'cong-khai', 'cong-khai/{*rest}'] });
    app.useGlobalPipes(createValidationPipe());
    if (config.VALIDATE_RESPONSES) app.useGlobalInterceptors(new ResponseContractInterceptor());

    const document = describeResponses(documentIdempotencyKey(SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Điển hình tiên tiến — API')
        .setDescription(
          'Phát hiện, bồi dưỡng, tổng kết và nhân rộng điển hình tiên tiến. / Discover, nurture, review and replicate advanced exemplars.\n\n' +
            'Errors: `{ statusCode, code, message (vi), messageEn, correlationId, … }`; validation errors list `errors[].field`.',
        )
        .setVersion('0.1.0')
        .build(),
    )));
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

    await migrateWithLock(app.get(DataSource));
    await app.init();
    // A province that existed before councils gets its council, and its sessions and council accounts are tied to it.
    await app.get(CouncilsService).adoptExisting();
    await app.get(DemoSeeder).seedIfWanted(database.embedded);
    await app.get(AccountsService).ensureInitialAdmin(config.INITIAL_ADMIN_USERNAME, config.INITIAL_ADMIN_PASSWORD);
    // Errors raised before Nest's router (body parsing) reach Express's chain: answer them in the same shape.
    app.use((error: unknown, req: Request & { id?: string }, res: Response, next: NextFunction) => {
      if (res.headersSent) return next(error);
      const body = errorBody(error, String(req.id ?? randomUUID()));
      res.status(body.statusCode).json(body);
    });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.close();
    throw error;
  }
  const running = app;
  return {
    app: running,
    config,
    database,
    close: async () => {
      // A client's keep-alive connection would hold the server open for its idle timeout after its last
      // response: close each connection as soon as it has no request in flight.
      const server = running.getHttpServer() as import('node:http').Server;
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      try {
        await running.close();
      } finally {
        clearInterval(idle);
      }
      await database.close();
    },
  };
}
