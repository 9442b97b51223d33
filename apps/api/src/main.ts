/**
 * Starts the product: `npm start`. Without DATABASE_URL it runs on the embedded PostgreSQL under DATA_DIR
 * and seeds a small demo province on first start.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config.js';
import { createApplication } from './application.js';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const running = await createApplication(config);
  await running.app.listen(config.PORT);
  const logger = new Logger('Main');
  const address = `http://localhost:${config.PORT}`;
  logger.log(
    `Sẵn sàng / Ready in ${Date.now() - started} ms on ${address} (API ${address}/api, OpenAPI ${address}/api/docs); ` +
      `database: ${running.database.embedded ? `embedded PostgreSQL in ${config.DATA_DIR}${running.database.fromTemplate ? ' (new, from the migrated template)' : ''}` : 'PostgreSQL server from DATABASE_URL'}`,
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: finishing in-flight requests and closing`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Cấu hình không hợp lệ / ${error.message}\n`);
  } else {
    process.stderr.write(`Không khởi động được / Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
