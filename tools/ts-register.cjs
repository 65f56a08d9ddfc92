// Lets plain `node -r ./tools/ts-register.cjs script.ts` run our TypeScript (scripts, generators,
// benchmarks) with the same swc settings as the build, resolving @vidnova/* to the libs' sources.
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const m = /^@vidnova\/([a-z-]+)$/.exec(request);
  if (m) {
    for (const folder of ['libs', 'services']) {
      const src = path.join(root, folder, m[1], 'src', 'index.ts');
      if (fs.existsSync(src)) return src;
    }
  }
  return originalResolve.call(this, request, parent, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcrc, filename, sourceMaps: 'inline', swcrc: false, configFile: false });
  module._compile(code, filename);
};
require('reflect-metadata');
