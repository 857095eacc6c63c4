/**
 * Binds every API route to who may call it. A route under /api/v1 or /open311 is either public
 * (`config: { public: true }`) or listed in a manifest's `routeAccess` ('METHOD /path' → permission,
 * any of several, or 'account'); a route with neither, or a table entry with no route, stops the
 * app from starting. The access is put on the route's config, checked before validation
 * (assertRouteAccess in app.ts), and shown per operation in the OpenAPI document.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { accessPermissions, accessScopes, type RouteAccess } from '../authz.ts';
import type { Registry } from '../registry.ts';

const API = /^\/(api\/v1|open311)\//;

/** The table key of a route: its method and its path without the /api/v1 prefix. */
export const routeKey = (method: string, url: string) => `${method === 'HEAD' ? 'GET' : method} ${url.replace(/^\/api\/v1(?=\/)/, '')}`;

export function installRouteAccess(app: FastifyInstance, registry: Registry): { verify(): void } {
  const seen = new Set<string>();
  app.addHook('onRoute', (r: RouteOptions) => {
    if (!API.test(r.url ?? '')) return;
    const config = (r.config ?? {}) as { public?: boolean; access?: RouteAccess };
    for (const method of [r.method].flat()) {
      if (method === 'OPTIONS') continue;
      const key = routeKey(method, r.url as string);
      const entry = registry.routeAccess.get(key);
      if (config.public === true) {
        if (entry) throw new Error(`${key} is public and also has a routeAccess entry (${entry.module}): keep one`);
        continue;
      }
      if (!entry) throw new Error(`${key} declares no access: add it to the routeAccess of its module (or mark it config.public)`);
      seen.add(key);
      r.config = { ...config, access: entry.access } as RouteOptions['config'];
    }
  });
  return {
    verify() {
      const stale = [...registry.routeAccess.keys()].filter((k) => !seen.has(k));
      if (stale.length) throw new Error(`routeAccess entries without a route: ${stale.join(', ')}`);
    },
  };
}

/** OpenAPI extensions for an operation: what it needs, and which token scopes may call it. */
export function accessExtensions(config: { public?: boolean; access?: RouteAccess } | undefined): Record<string, unknown> {
  if (config?.public) return { 'x-access': 'public' };
  if (!config?.access) return {};
  if (config.access === 'account') return { 'x-access': 'account', 'x-token-scopes': [] };
  return { 'x-access': 'permission', 'x-permissions': accessPermissions(config.access), 'x-token-scopes': accessScopes(config.access) };
}
