import fs from 'node:fs';
import pg from 'pg';
import { ensureCalendar, makeContext, migrationSources } from '../src/bootstrap.ts';
import { openPglite, openPostgres } from '../src/platform/db/client.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { seedDemoCounty } from '../src/demo/seed.ts';
import { PG_TEMPLATE_DB, TEMPLATE_DUMP, TEST_KEYRING, TEST_NOW, testConfig, withDb } from './template.ts';

async function seed(database: Awaited<ReturnType<typeof openPglite>>) {
  const ctx = makeContext(testConfig(), database, { clock: new ManualClock(TEST_NOW), keyring: TEST_KEYRING });
  await ensureCalendar(ctx);
  await seedDemoCounty(ctx);
}

export async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB}`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`);
    await admin.end();
    const owner = await openPostgres(withDb(url, PG_TEMPLATE_DB), { max: 2 });
    await migrate(owner, migrationSources());
    await seed(owner);
    await owner.close();
  } else {
    const db = await openPglite({});
    await migrate(db, migrationSources());
    await seed(db);
    const blob = await db.lite!.dumpDataDir('none');
    fs.writeFileSync(TEMPLATE_DUMP, Buffer.from(await blob.arrayBuffer()));
    await db.close();
  }
}

export async function teardown() {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const r = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`, [`${PG_TEMPLATE_DB}_%`, PG_TEMPLATE_DB]);
    for (const row of r.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  } else {
    fs.rmSync(TEMPLATE_DUMP, { force: true });
  }
}
