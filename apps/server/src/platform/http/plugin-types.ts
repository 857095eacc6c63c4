import type { Actor } from '../authz.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** Reachable without login (the portal, Open311, health). */
    public?: boolean;
  }
}
