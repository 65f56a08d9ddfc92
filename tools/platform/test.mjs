#!/usr/bin/env node
// `npm test`: unit tests, then integration and end-to-end tests against real NATS, MongoDB-compatible
// storage and Redis (from MONGO_URL/NATS_URL/REDIS_URL, else started by the jest global setup).
// Integration files run in band: services boot in-process and share NATS subjects.
// Extra arguments (e.g. a path) are passed to jest.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim() };
const jest = (extra) => spawnSync('npx', ['jest', ...extra, ...args], { stdio: 'inherit', env }).status ?? 1;

const unit = jest(['--selectProjects', 'unit', '--passWithNoTests']);
if (unit !== 0) process.exit(unit);
// --forceExit: a client that outlives its test (an ioredis reconnect timer pointed at a closed port has
// been seen) must not keep CI waiting after every test has finished; leaks still show as the warning.
process.exit(jest(['--selectProjects', 'integration', '--runInBand', '--passWithNoTests', '--forceExit']));
