import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { Registry } from '../registry.ts';
import { installRouteAccess } from './route-access.ts';

const registry = () => {
  const r = new Registry();
  r.add({ id: 'probe', label: 'probe', routeAccess: { 'GET /declared': 'case.view', 'POST /declared': 'account' } });
  return r;
};
const ok = async () => ({ ok: true });

describe('route access declarations', () => {
  it('a route under /api/v1 without a declaration stops the app', async () => {
    const app = Fastify();
    installRouteAccess(app, registry());
    app.register(async (api) => { api.get('/undeclared', ok); }, { prefix: '/api/v1' });
    await expect(app.ready()).rejects.toThrow(/GET \/undeclared declares no access/);
  });

  it('public routes need no entry; a public route with an entry, or an entry without a route, is refused', async () => {
    const app = Fastify();
    const access = installRouteAccess(app, registry());
    app.register(async (api) => {
      api.get('/declared', ok);
      api.get('/public/x', { config: { public: true } }, ok);
    }, { prefix: '/api/v1' });
    await app.ready();
    expect(() => access.verify()).toThrow(/POST \/declared/);
    const bad = Fastify();
    installRouteAccess(bad, registry());
    bad.register(async (api) => { api.get('/declared', { config: { public: true } }, ok); }, { prefix: '/api/v1' });
    await expect(bad.ready()).rejects.toThrow(/is public and also has a routeAccess entry/);
  });

  it('the declaration lands on the route config (HEAD follows GET)', async () => {
    const app = Fastify();
    installRouteAccess(app, registry());
    app.register(async (api) => {
      api.get('/declared', async (req) => ({ access: req.routeOptions.config.access }));
      api.post('/declared', async (req) => ({ access: req.routeOptions.config.access }));
    }, { prefix: '/api/v1' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/declared' })).json()).toEqual({ access: 'case.view' });
    expect((await app.inject({ method: 'POST', url: '/api/v1/declared' })).json()).toEqual({ access: 'account' });
  });
});
