#!/usr/bin/env node
// `npm run bench -- <name>` runs test/bench/<name>.bench.ts with the workspace's TypeScript loader.
// Benchmarks print figures; they are never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const name = process.argv[2];
const file = name && join(here, `${name}.bench.ts`);
if (!file || !existsSync(file)) {
  const known = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
  console.error(`usage: npm run bench -- <name>   (one of: ${known.join(', ') || 'none yet'})`);
  process.exit(2);
}
const root = join(here, '../..');
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-warnings=ExperimentalWarning`.trim() };
const res = spawnSync(process.execPath, ['--expose-gc', '-r', './tools/ts-register.cjs', file, ...process.argv.slice(3)], { cwd: root, stdio: 'inherit', env });
process.exit(res.status ?? 1);
