// Prints the gzipped size of each entry's initial JS (the entry chunk and the chunks it imports
// statically, i.e. what index.html / console.html load before any lazy route) and fails when a
// budget is exceeded. Reads the built HTML: Vite lists the static imports as modulepreload links.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../dist');
const budgets = { 'index.html': { name: 'portal', kb: 150 }, 'console.html': { name: 'console', kb: 600 } };
let failed = false;

const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1);

for (const [html, budget] of Object.entries(budgets)) {
  const file = path.join(dist, html);
  if (!fs.existsSync(file)) { console.error(`missing ${html}`); failed = true; continue; }
  const src = fs.readFileSync(file, 'utf8');
  const js = new Set();
  const css = new Set();
  for (const m of src.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) js.add(m[1]);
  for (const m of src.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) js.add(m[1]);
  for (const m of src.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) css.add(m[1]);
  let raw = 0; let zipped = 0;
  for (const f of js) {
    const p = path.join(dist, f.replace(/^\//, ''));
    raw += fs.statSync(p).size; zipped += gz(p);
  }
  let cssZ = 0;
  for (const f of css) cssZ += gz(path.join(dist, f.replace(/^\//, '')));
  const over = zipped > budget.kb * 1024;
  if (over) failed = true;
  console.log(`${budget.name.padEnd(8)} initial JS: ${js.size} file(s), ${kb(raw)} KB raw, ${kb(zipped)} KB gzip (budget ${budget.kb} KB)${css.size ? `; CSS ${kb(cssZ)} KB gzip` : ''} ${over ? 'OVER BUDGET' : 'ok'}`);
}
if (failed) { console.error('bundle budget exceeded'); process.exit(1); }
