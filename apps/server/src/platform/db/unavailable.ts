/**
 * Is this error "the database cannot be reached" (as opposed to a bad query)? Then the request
 * did nothing and may be retried: the HTTP layer answers 503 with Retry-After. Covers node-postgres
 * (refused or dropped connections, server shutting down or not accepting connections yet, pool
 * connect timeouts) and a closed embedded PGlite.
 */
export const RETRY_AFTER_SECONDS = 5;

/** Thrown by the platform's own database wrappers when they know the database is gone (a closed PGlite). */
export class DatabaseUnavailable extends Error {}

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);
/** SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, cannot connect now), 53300 (too many connections). */
const SQLSTATE = /^(08\w{3}|57P0[123]|53300)$/;
const MESSAGES = new RegExp(['Connection terminated', 'connection timeout', 'timeout exceeded when trying to connect',
  'Client has encountered a connection error', 'PGlite is closed', 'Cannot use a pool after calling end'].join('|'), 'i');

export function databaseUnavailable(err: unknown): boolean {
  for (let e = err, i = 0; e && typeof e === 'object' && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof DatabaseUnavailable) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK.has(code) || SQLSTATE.test(code))) return true;
    if (MESSAGES.test(String((e as { message?: unknown }).message ?? ''))) return true;
    if (e instanceof AggregateError && e.errors.some((x) => databaseUnavailable(x))) return true;
  }
  return false;
}
