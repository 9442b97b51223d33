/**
 * The embedded PostgreSQL: PGlite (PostgreSQL compiled to WebAssembly) behind a wire-protocol socket on
 * 127.0.0.1, so that the application talks to it through the same `pg` driver as to a real server.
 *
 * PGlite runs one transaction at a time across all connections; inside a transaction the application must
 * use only that transaction's connection (it does: every use case works through its EntityManager).
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Folder of the database files; omitted: in memory (tests). */
  dataDir?: string;
  /** A data folder dump (from `dumpDataDir`) to start from, e.g. an already migrated template. */
  loadDataDir?: Blob | File;
  /** Must equal the pool size of the client, or connections beyond it are reset. */
  maxConnections: number;
}

export class EmbeddedPostgres {
  private constructor(
    readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
  ) {}

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    let dataDir: string | undefined;
    if (options.dataDir) {
      dataDir = resolve(options.dataDir);
      mkdirSync(dataDir, { recursive: true });
    }
    const db = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections });
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres`;
    return new EmbeddedPostgres(db, server, url);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
