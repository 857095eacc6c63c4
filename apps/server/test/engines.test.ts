/**
 * The README promises a Node.js floor (package.json `engines.node`); every installed package must
 * support it, and Node 24 (the other Node CI runs on). Read from package-lock.json, so a dependency
 * bump that drops the floor fails here before anyone installs it on an older Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
};

describe('Node.js engines', () => {
  const floor = semver.minVersion(pkg.engines.node)!.version;

  it('the README states the floor package.json declares', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const m = /Node\.js ≥ (\d+\.\d+)/.exec(readme);
    expect(m, 'README names a Node.js floor').not.toBeNull();
    expect(semver.coerce(m![1])!.version).toBe(floor);
  });

  it.each([floor, '24.0.0'])('every package in the lockfile supports Node %s', (node) => {
    const bad = Object.entries(lock.packages)
      .filter(([name, p]) => name && !Array.isArray(p.engines) && typeof p.engines?.node === 'string' && !semver.satisfies(node, p.engines.node))
      .map(([name, p]) => `${name.replace(/^.*node_modules\//, '')}@${p.version} needs node ${(p.engines as { node: string }).node}`);
    expect(bad).toEqual([]);
  });
});
