import type { Config } from '../config.ts';
import type { Clock } from './clock.ts';
import type { Database, Db } from './db/client.ts';
import type { FieldCrypto } from './crypto/field-crypto.ts';
import type { CalendarStore } from './time/calendar-store.ts';
import type { Registry } from './registry.ts';
import type { Transports } from './notifications/outbox.ts';

/**
 * The few things every command needs, passed explicitly (no container): the database, the time
 * source, settings, field crypto, the calendar and what the modules declared.
 */
export interface Ctx {
  database: Database;
  db: Db;
  /**
   * Where figures are read: the read replica when DATABASE_READ_URL is set, else `db`. The metrics API (values, drill-downs,
   * their exports) and the module routes that show a figure read here; every write, and every read inside a write, stays on `db`.
   */
  readDb: Db;
  clock: Clock;
  config: Config;
  crypto: FieldCrypto;
  calendar: CalendarStore;
  registry: Registry;
  transports: Transports;
}
