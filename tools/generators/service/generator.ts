// `nx g @vidnova/tools:service <name>`: a new NATS service in the house shape (see ../README.md).
// Plain, erasable TypeScript only (no enums, decorators or parameter properties) and no relative
// imports: Nx loads local generators with Node's native type stripping, as ES modules (so no
// __dirname either: templates are found from the workspace root, which is also jest's).
import { generateFiles, joinPathFragments, logger, names, updateJson, workspaceRoot } from '@nx/devkit';
import type { Tree } from '@nx/devkit';

const TEMPLATES = joinPathFragments(workspaceRoot, 'tools/generators/service/files');

export interface ServiceGeneratorSchema {
  name: string;
  /** Plural kebab-case name of the sample feature folder. */
  feature?: string;
  skipFormat?: boolean;
}

export interface ServiceNames {
  name: string;
  className: string;
  constantName: string;
  propertyName: string;
  dbName: string;
  feature: string;
  featureClass: string;
  featureProperty: string;
  entity: string;
  entityClass: string;
  entityProperty: string;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** records → record, categories → category, addresses → address. */
export function singular(plural: string): string {
  if (plural.endsWith('ies')) return `${plural.slice(0, -3)}y`;
  if (/(ss|sh|ch|x|z)es$/.test(plural)) return plural.slice(0, -2);
  if (plural.endsWith('s')) return plural.slice(0, -1);
  return plural;
}

export function serviceNames(options: ServiceGeneratorSchema): ServiceNames {
  const name = options.name.trim();
  if (!KEBAB.test(name)) throw new Error(`Service name "${name}" must be kebab-case, e.g. grants-registry`);
  if (name === 'gateway') throw new Error('"gateway" is taken');
  const feature = (options.feature ?? 'records').trim();
  if (!KEBAB.test(feature) || !feature.endsWith('s'))
    throw new Error(`Feature "${feature}" must be plural kebab-case, e.g. grants`);
  const entity = singular(feature);
  const n = names(name);
  const f = names(feature);
  const e = names(entity);
  return {
    name,
    className: n.className,
    constantName: n.constantName,
    propertyName: n.propertyName,
    dbName: `vidnova_${name.replace(/-/g, '_')}`,
    feature,
    featureClass: f.className,
    featureProperty: f.propertyName,
    entity,
    entityClass: e.className,
    entityProperty: e.propertyName,
  };
}

export async function serviceGenerator(tree: Tree, options: ServiceGeneratorSchema): Promise<void> {
  const v = serviceNames(options);
  const root = `services/${v.name}`;
  if (tree.exists(root)) throw new Error(`${root} already exists`);
  if (tree.exists(`libs/contracts/src/${v.name}`))
    throw new Error(`libs/contracts/src/${v.name} already exists`);

  const substitutions = { ...v, tmpl: '' };
  generateFiles(tree, joinPathFragments(TEMPLATES, 'service'), root, substitutions);
  generateFiles(
    tree,
    joinPathFragments(TEMPLATES, 'contracts'),
    `libs/contracts/src/${v.name}`,
    substitutions,
  );
  generateFiles(tree, joinPathFragments(TEMPLATES, 'e2e'), 'test/e2e', substitutions);

  registerPathAlias(tree, v);
  exportContracts(tree, v);
  addServiceName(tree, v);
  registerInE2eHarness(tree, v);

  if (!options.skipFormat) await formatCreatedFiles(tree);
  logger.info(
    `Created ${root}. Next: \`node tools/platform/test.mjs ${root} test/e2e/${v.name}\`; \`npm start\` runs it. ` +
      `For HTTP routes add a gateway module (model: services/gateway/src/diaspora/); for production add it to docker-compose.yml and READY_SERVICES. ` +
      `Its NATS user comes from SERVICE_NAMES: run \`npm run nats:config\`, then \`npm run nats:check\` names the password lines to add.`,
  );
}

/** Adds the alias as one line, leaving the rest of tsconfig.base.json as it is written. */
function registerPathAlias(tree: Tree, v: ServiceNames): void {
  const file = 'tsconfig.base.json';
  if (!tree.exists(file)) return warnSkipped(file);
  const alias = `@vidnova/${v.name}`;
  const target = `services/${v.name}/src/index.ts`;
  const text = tree.read(file, 'utf-8') ?? '';
  const paths = /("paths"\s*:\s*\{)([\s\S]*?)(\n?\s*\})/.exec(text);
  let edited: string | undefined;
  if (paths) {
    const body = paths[2].trimEnd();
    const indent = /\n(\s*)"/.exec(paths[2])?.[1] ?? '      ';
    const line = `${indent}${JSON.stringify(alias)}: [${JSON.stringify(target)}]`;
    const replaced = `${paths[1]}${body}${body.trim() ? ',' : ''}\n${line}${paths[3]}`;
    edited = text.slice(0, paths.index) + replaced + text.slice(paths.index + paths[0].length);
    try {
      if (JSON.parse(edited).compilerOptions.paths[alias]?.[0] !== target) edited = undefined;
    } catch {
      edited = undefined;
    }
  }
  if (edited) return tree.write(file, edited);
  updateJson(tree, file, (json) => {
    json.compilerOptions ??= {};
    json.compilerOptions.paths ??= {};
    json.compilerOptions.paths[alias] = [target];
    return json;
  });
}

function exportContracts(tree: Tree, v: ServiceNames): void {
  const file = 'libs/contracts/src/index.ts';
  if (!tree.exists(file)) return warnSkipped(file);
  const line = `export * from './${v.name}';`;
  const text = tree.read(file, 'utf-8') ?? '';
  if (!text.includes(line)) tree.write(file, `${text.trimEnd()}\n${line}\n`);
}

/** Adds the service to SERVICE_NAMES in libs/contracts/src/subjects.ts. */
function addServiceName(tree: Tree, v: ServiceNames): void {
  const file = 'libs/contracts/src/subjects.ts';
  if (!tree.exists(file)) return warnSkipped(file);
  const text = tree.read(file, 'utf-8') ?? '';
  const m = /export const SERVICE_NAMES = \[([\s\S]*?)\] as const;/.exec(text);
  if (!m) return warnSkipped(`${file} (SERVICE_NAMES not found)`);
  if (m[1].includes(`'${v.name}'`)) return;
  const entries = m[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  entries.push(`'${v.name}'`);
  const replaced = `export const SERVICE_NAMES = [\n${entries.map((e) => `  ${e},`).join('\n')}\n] as const;`;
  tree.write(file, text.replace(m[0], replaced));
}

/** Imports the service's AppModule and Config in test/e2e/platform.ts and adds it to SERVICES. */
function registerInE2eHarness(tree: Tree, v: ServiceNames): void {
  const file = 'test/e2e/platform.ts';
  if (!tree.exists(file)) return warnSkipped(file);
  let text = tree.read(file, 'utf-8') ?? '';
  if (text.includes(`'@vidnova/${v.name}'`)) return;
  const lines = text.split('\n');
  const lastImport = lines.reduce((last, l, i) => (l.startsWith('import ') ? i : last), -1);
  lines.splice(
    lastImport + 1,
    0,
    `import { AppModule as ${v.className}Module, ${v.className}Config } from '@vidnova/${v.name}';`,
  );
  text = lines.join('\n');
  const start = text.indexOf('export const SERVICES');
  const end = start < 0 ? -1 : text.indexOf('\n};', start);
  if (end < 0) return warnSkipped(`${file} (SERVICES map not found)`);
  const entry =
    `  '${v.name}': {\n` +
    `    db: '${v.name}',\n` +
    `    start: (env) => {\n` +
    `      const config = loadConfig(${v.className}Config, env);\n` +
    `      return startService(${v.className}Module.forRoot(config), config);\n` +
    `    },\n` +
    `  },`;
  tree.write(file, `${text.slice(0, end)}\n${entry}${text.slice(end)}`);
}

/**
 * Prettier on the files this generator created only (Nx's formatFiles would also reformat the shared
 * files it edited, touching other people's lines).
 */
async function formatCreatedFiles(tree: Tree): Promise<void> {
  let prettier: typeof import('prettier');
  try {
    prettier = await import('prettier');
  } catch {
    return;
  }
  for (const change of tree.listChanges()) {
    if (change.type !== 'CREATE' || !/\.(ts|json|md)$/.test(change.path)) continue;
    const filepath = joinPathFragments(tree.root, change.path);
    const config = (await prettier.resolveConfig(joinPathFragments(workspaceRoot, change.path))) ?? {};
    tree.write(
      change.path,
      await prettier.format(tree.read(change.path, 'utf-8') ?? '', { ...config, filepath }),
    );
  }
}

function warnSkipped(what: string): void {
  logger.warn(`${what} is missing; register the new service there by hand.`);
}

export default serviceGenerator;
