/**
 * The embedded database's migrated template (database/embedded-template.ts): built once, unpacked into a new data
 * folder, holding exactly this build's migrations; an existing folder is never replaced by it, and a template of
 * other migrations is never taken. (PGlite itself, whichever database the other suites use.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options.js';
import { EmbeddedPostgres } from '../apps/api/src/database/embedded-postgres.js';
import { buildTemplate, holdsDatabase, migrationsFingerprint, readTemplate, templateFile } from '../apps/api/src/database/embedded-template.js';
import { migrateWithLock } from '../apps/api/src/database/migrate.js';
import { MIGRATIONS } from '../apps/api/src/database/migrations/index.js';
import { openDatabase } from '../apps/api/src/database/open-database.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'dth-template-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the embedded database template', () => {
  it('is named by its migrations: their names and their code', () => {
    expect(migrationsFingerprint()).toBe(migrationsFingerprint([...MIGRATIONS]));
    expect(migrationsFingerprint(MIGRATIONS.slice(0, -1))).not.toBe(migrationsFingerprint());
    class Changed {
      up() {
        return 'another statement';
      }
    }
    Object.defineProperty(Changed, 'name', { value: MIGRATIONS.at(-1)!.name });
    expect(migrationsFingerprint([...MIGRATIONS.slice(0, -1), Changed])).not.toBe(migrationsFingerprint());
  });

  it('a new data folder starts from it with every migration applied; an existing folder keeps its own data', async () => {
    const templates = join(work, 'templates');
    // A template of other migrations, left by an earlier build, is removed.
    await buildTemplate(templates).then(() => writeFileSync(join(templates, 'pglite-0000000000000000.tar.gz'), 'old'));
    const file = await buildTemplate(templates);
    expect(readdirSync(templates)).toEqual([file.split('/').pop()]);
    expect(file).toBe(templateFile(templates));
    expect(readTemplate(join(work, 'nowhere'))).toBeUndefined();

    // openDatabase reads the build's own folder; here the template is given as the application would find it.
    const dataDir = join(work, 'data');
    expect(holdsDatabase(join(dataDir, 'pglite'))).toBe(false);
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, KEY_DIR: join(work, 'keys') });
    const pg = await EmbeddedPostgres.start({ dataDir: join(dataDir, 'pglite'), loadDataDir: readTemplate(templates), maxConnections: 1 });
    const ds = new DataSource(dataSourceOptions(pg.url, { ...config, DB_POOL_MAX: 1 }));
    await ds.initialize();
    try {
      const applied = ((await ds.query('SELECT name FROM schema_migration ORDER BY id')) as { name: string }[]).map((r) => r.name);
      expect(applied).toEqual(MIGRATIONS.map((m) => m.name));
      expect(await migrateWithLock(ds)).toEqual([]);
      await ds.query(`CREATE TABLE kept_here (note text); INSERT INTO kept_here VALUES ('mine')`);
    } finally {
      await ds.destroy();
      await pg.stop();
    }
    expect(holdsDatabase(join(dataDir, 'pglite'))).toBe(true);

    // Opened again the way the application opens it: the folder's own data, not a fresh template.
    const again = await openDatabase(config);
    const ds2 = new DataSource(dataSourceOptions(again.url, { ...config, DB_POOL_MAX: 1 }));
    await ds2.initialize();
    try {
      expect(again.fromTemplate).toBe(false);
      expect(await ds2.query('SELECT note FROM kept_here')).toEqual([{ note: 'mine' }]);
    } finally {
      await ds2.destroy();
      await again.close();
    }
  }, 240_000);
});
