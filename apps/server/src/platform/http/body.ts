/**
 * Request bodies: JSON is parsed by Fastify's own (prototype-poisoning-safe) parser after a linear
 * scan refuses nesting deeper than MAX_JSON_DEPTH, so that no later recursive walk (validation,
 * canonical JSON for hashes) can overflow the stack on a hostile body.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from './problem.ts';
import { MAX_JSON_DEPTH } from '../crypto/sm.ts';

/** The deepest nesting of arrays and objects in a JSON text (strings skipped), without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0; let max = 0; let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91 /* { [ */) { if (++depth > max) max = depth; } else if (c === 125 || c === 93 /* } ] */) depth--;
  }
  return max;
}

export function installBodyParsers(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = String(body);
    if (jsonDepth(text) > MAX_JSON_DEPTH) {
      done(new AppError('bad_request', `请求体嵌套超过 ${MAX_JSON_DEPTH} 层`, { errors: [{ path: 'body', message: `嵌套超过 ${MAX_JSON_DEPTH} 层` }] }), undefined);
      return;
    }
    parse(req, text, done);
  });
}
