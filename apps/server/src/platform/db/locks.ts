/**
 * PostgreSQL advisory lock ids taken outside the periodic jobs (each job declares its own `lockId`; jobs/runner.ts allJobs
 * refuses two users of one id): migrations, so two starting processes do not migrate at once, and the first start's demo
 * seed, so they do not both seed an empty database.
 */
export const MIGRATE_LOCK = 71000;
export const SEED_LOCK = 71009;
/** The hotline rollup refresher's job (modules/hotline/rollups.ts); a refresh itself is also serialised by its state row. */
export const HOTLINE_ROLLUP_LOCK = 71011;
