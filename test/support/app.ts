/**
 * Starts the real application (the same `createApplication` as `npm start`) on a database of its own.
 */
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { createApplication, type RunningApplication } from '../../apps/api/src/application.js';
import { loadConfig } from '../../apps/api/src/config/app-config.js';
import { newTestDatabase } from './databases.js';

export interface TestApp {
  running: RunningApplication;
  http: ReturnType<typeof supertest>;
  dataSource: DataSource;
  /** Sends a request as the given person (X-Actor). */
  as(actor: string): ActorClient;
  close(): Promise<void>;
}

export type ActorClient = {
  get(url: string): supertest.Test;
  post(url: string): supertest.Test;
  patch(url: string): supertest.Test;
};

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await newTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: 'false', DB_POOL_MAX: '10', ...env, ...(database.url ? { DATABASE_URL: database.url } : {}) });
  let running: RunningApplication;
  try {
    running = await createApplication(config, { embeddedFrom: database.embeddedFrom });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const http = supertest(running.app.getHttpServer());
  return {
    running,
    http,
    dataSource: running.app.get(DataSource),
    as: (actor) => ({
      get: (url) => http.get(url).set('X-Actor', actor),
      post: (url) => http.post(url).set('X-Actor', actor),
      patch: (url) => http.patch(url).set('X-Actor', actor),
    }),
    close: async () => {
      await running.close();
      await database.drop();
    },
  };
}
