/**
 * Database maintenance from the command line, on the compiled build:
 *   node dist/apps/api/src/database/cli.js migrate       run pending migrations (under the advisory lock)
 *   node dist/apps/api/src/database/cli.js check-drift   exit 1 if entities and migrations disagree
 *   node dist/apps/api/src/database/cli.js generate Name write a migration with the SQL the entities need
 *   node dist/apps/api/src/database/cli.js build-embedded-template
 *       the embedded database's migrated, empty schema, which a new data folder starts from (npm run build)
 * Uses DATABASE_URL, or the embedded database under DATA_DIR when it is unset.
 */
import 'reflect-metadata';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { openDatabase } from './open-database.js';
import { buildTemplate, templateFile } from './embedded-template.js';
import { migrateWithLock, pendingSchemaChanges } from './migrate.js';

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  if (command === 'build-embedded-template') {
    // Built once per set of migrations: a build that changed none keeps the one it has.
    if (existsSync(templateFile())) {
      process.stdout.write(`Bản mẫu cơ sở dữ liệu nhúng đã có / Embedded database template up to date: ${templateFile()}\n`);
      return 0;
    }
    const started = Date.now();
    const file = await buildTemplate();
    process.stdout.write(`Bản mẫu cơ sở dữ liệu nhúng / Embedded database template: ${file} (${Date.now() - started} ms)\n`);
    return 0;
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  const dataSource = new DataSource(dataSourceOptions(database.url, { ...config, DB_POOL_MAX: 1 }));
  await dataSource.initialize();
  try {
    switch (command) {
      case 'migrate': {
        const applied = await migrateWithLock(dataSource);
        process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Schema is up to date.\n');
        return 0;
      }
      case 'check-drift': {
        await migrateWithLock(dataSource);
        const changes = await pendingSchemaChanges(dataSource);
        if (changes.length === 0) {
          process.stdout.write('Entities and migrations agree.\n');
          return 0;
        }
        process.stderr.write(`Entities and migrations disagree; a migration would run:\n${changes.join(';\n')};\n`);
        return 1;
      }
      case 'generate': {
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('generate needs a PascalCase migration name');
        await migrateWithLock(dataSource);
        const changes = await pendingSchemaChanges(dataSource);
        const stamp = Date.now();
        const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${stamp} implements MigrationInterface {\n  name = '${name}${stamp}';\n\n  async up(q: QueryRunner): Promise<void> {\n${changes.map((c) => `    await q.query(${JSON.stringify(c)});`).join('\n')}\n  }\n\n  async down(): Promise<void> {\n    throw new Error('Migrations are forward-only: history is never rewritten.');\n  }\n}\n`;
        const here = dirname(fileURLToPath(import.meta.url));
        const target = join(here, '../../../../../apps/api/src/database/migrations', `${stamp}-${name}.ts`);
        writeFileSync(target, source);
        process.stdout.write(`Wrote ${target} (${changes.length} statements); add it to migrations/index.ts.\n`);
        return 0;
      }
      default:
        process.stderr.write('usage: cli.js migrate | check-drift | generate <Name> | build-embedded-template\n');
        return 2;
    }
  } finally {
    await dataSource.destroy();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
