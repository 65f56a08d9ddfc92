// Writes the gateway's OpenAPI document to docs/openapi.json (or, with --check, fails when the
// committed one differs). Builds the app in Nest's preview mode: no database or NATS needed.
import { loadConfig } from '@vidnova/config';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOpenApi, createGateway, GatewayConfig } from '@vidnova/gateway';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const app = await createGateway(loadConfig(GatewayConfig, { LOG_LEVEL: 'silent', NODE_ENV: 'development' }), { preview: true });
  const doc = buildOpenApi(app);
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  const file = resolve(__dirname, '../../docs/openapi.json');
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (committed !== text) {
      console.error('docs/openapi.json is stale: run `npm run openapi` and commit the result.');
      process.exit(1);
    }
    console.log('docs/openapi.json is up to date');
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${file} (${Object.keys(doc.paths).length} paths)`);
  }
  await app.close();
  process.exit(0);
}

void main();
