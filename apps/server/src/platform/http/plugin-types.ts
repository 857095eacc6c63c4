import type { Actor, RouteAccess } from '../authz.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** Reachable without login (the portal, Open311, health). */
    public?: boolean;
    /** Who may call it: set from the manifests' routeAccess tables (platform/http/route-access.ts), never by hand. */
    access?: RouteAccess;
  }
}
