#!/usr/bin/env node
// `npm test`: unit tests, then integration and end-to-end tests against real NATS, MongoDB-compatible
// storage and Redis (from MONGO_URL/NATS_URL/REDIS_URL, else started by the jest global setup).
// Integration files run in band: services boot in-process and share NATS subjects.
// Extra arguments (e.g. a path) are passed to jest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim() };
mkdirSync('.vidnova', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const jest = (name, extra) => {
  const out = `.vidnova/jest-${name}.json`;
  const status = spawnSync('npx', ['jest', ...extra, ...args, '--json', `--outputFile=${out}`], { stdio: 'inherit', env }).status ?? 1;
  try {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  } catch {
    totals.failed += 1; // the runner itself failed before reporting
  }
  return status;
};
// One plain summary line for CI, whatever the runner prints.
const finish = (status) => {
  console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  process.exit(status);
};

const unit = jest('unit', ['--selectProjects', 'unit', '--passWithNoTests']);
if (unit !== 0) finish(unit);
// --forceExit: a client that outlives its test (an ioredis reconnect timer pointed at a closed port has
// been seen) must not keep CI waiting after every test has finished; leaks still show as the warning.
finish(jest('integration', ['--selectProjects', 'integration', '--runInBand', '--passWithNoTests', '--forceExit']));
