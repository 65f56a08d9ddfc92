import { logger, readJson, Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { serviceGenerator, serviceNames, singular } from './generator';

const PLATFORM_TS = `import { loadConfig } from '@vidnova/config';
import { startService } from '@vidnova/runtime';
import { AppModule as DiasporaModule, DiasporaConfig } from '@vidnova/diaspora-registry';

export const SERVICES: Record<string, unknown> = {
  'diaspora-registry': {
    db: 'diaspora-registry',
    start: (env: Record<string, string>) => {
      const config = loadConfig(DiasporaConfig, env);
      return startService(DiasporaModule.forRoot(config), config);
    },
  },
};

export function startPlatform() {}
`;

function seededTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(
    'tsconfig.base.json',
    '{\n  "compilerOptions": {\n    "strict": true,\n    "paths": {\n      "@vidnova/contracts": ["libs/contracts/src/index.ts"]\n    }\n  }\n}\n',
  );
  tree.write('libs/contracts/src/index.ts', "export * from './subjects';\n");
  tree.write(
    'libs/contracts/src/subjects.ts',
    "export const SERVICE_NAMES = [\n  'diaspora-registry',\n] as const;\n",
  );
  tree.write('test/e2e/platform.ts', PLATFORM_TS);
  return tree;
}

describe('service generator', () => {
  beforeEach(() => jest.spyOn(logger, 'info').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('scaffolds the service in the house shape with a sample feature and its unit spec', async () => {
    const tree = seededTree();
    await serviceGenerator(tree, { name: 'grants-registry', feature: 'grants', skipFormat: true });

    for (const file of [
      'package.json',
      'project.json',
      'tsconfig.json',
      'README.md',
      'src/main.ts',
      'src/config.ts',
      'src/app.module.ts',
      'src/index.ts',
      'src/grants/grant.schema.ts',
      'src/grants/grants.repository.ts',
      'src/grants/grants.service.ts',
      'src/grants/grants.controller.ts',
      'src/grants/grants.module.ts',
      'src/grants/title.ts',
      'src/grants/title.spec.ts',
    ]) {
      expect(tree.exists(`services/grants-registry/${file}`)).toBe(true);
    }
    expect(readJson(tree, 'services/grants-registry/project.json')).toMatchObject({
      name: 'grants-registry',
      projectType: 'application',
      tags: ['type:app', 'scope:grants-registry'],
    });
    expect(readJson(tree, 'services/grants-registry/package.json').name).toBe('@vidnova/grants-registry');
    expect(tree.read('services/grants-registry/src/config.ts', 'utf-8')).toContain(
      "export class GrantsRegistryConfig extends MongoServiceConfig {\n  override SERVICE_NAME = 'grants-registry';",
    );
    expect(tree.exists('services/grants-registry/src/tokens.ts')).toBe(false);
    expect(tree.read('services/grants-registry/src/grants/grants.controller.ts', 'utf-8')).toContain(
      '@Handles(GRANTS_REGISTRY_OPS.grantCreate)',
    );
    const appModule = tree.read('services/grants-registry/src/app.module.ts', 'utf-8')!;
    expect(appModule).toContain('MessagingModule.forService(config)');
    expect(appModule).toContain('{ provide: GrantsRegistryConfig, useValue: config }');
  });

  it('adds versioned contracts and exports them from the contracts index', async () => {
    const tree = seededTree();
    await serviceGenerator(tree, { name: 'grants-registry', feature: 'grants', skipFormat: true });

    const operations = tree.read('libs/contracts/src/grants-registry/operations.ts', 'utf-8');
    expect(operations).toContain("grantCreate: op('grants-registry.grant.create.v1', CreateGrantRequest, GrantView)");
    expect(operations).toContain("grantList: op('grants-registry.grant.list.v1', ListGrantsRequest, pageOf(GrantView))");
    expect(tree.read('libs/contracts/src/grants-registry/grant.ts', 'utf-8')).toContain(
      'export class CreateGrantRequest',
    );
    expect(tree.read('libs/contracts/src/index.ts', 'utf-8')).toBe(
      "export * from './subjects';\nexport * from './grants-registry';\n",
    );
    expect(tree.read('libs/contracts/src/subjects.ts', 'utf-8')).toContain(
      "  'diaspora-registry',\n  'grants-registry',\n] as const;",
    );
  });

  it('registers the path alias and the e2e harness entry, and writes an e2e spec', async () => {
    const tree = seededTree();
    await serviceGenerator(tree, { name: 'grants-registry', feature: 'grants', skipFormat: true });

    expect(readJson(tree, 'tsconfig.base.json').compilerOptions.paths).toEqual({
      '@vidnova/contracts': ['libs/contracts/src/index.ts'],
      '@vidnova/grants-registry': ['services/grants-registry/src/index.ts'],
    });
    // The alias is one added line: the rest of the file keeps its layout.
    expect(tree.read('tsconfig.base.json', 'utf-8')).toContain(
      '"@vidnova/contracts": ["libs/contracts/src/index.ts"],\n      "@vidnova/grants-registry": ["services/grants-registry/src/index.ts"]\n',
    );
    const platform = tree.read('test/e2e/platform.ts', 'utf-8')!;
    expect(platform).toContain(
      "import { AppModule as GrantsRegistryModule, GrantsRegistryConfig } from '@vidnova/grants-registry';",
    );
    expect(platform).toContain("  'grants-registry': {\n    db: 'grants-registry',");
    expect(platform.indexOf("'grants-registry': {")).toBeLessThan(
      platform.indexOf('export function startPlatform'),
    );
    expect(tree.read('test/e2e/grants-registry.e2e-spec.ts', 'utf-8')).toContain(
      "startPlatform(['grants-registry'])",
    );
  });

  it('formats the files it creates with the workspace prettier settings', async () => {
    const tree = seededTree();
    await serviceGenerator(tree, { name: 'grants-registry', feature: 'grants' });
    const service = tree.read('services/grants-registry/src/grants/grants.service.ts', 'utf-8')!;
    expect(service.split('\n').every((line) => line.length <= 110)).toBe(true);
    // Files it only edited are left as they were written.
    expect(tree.read('test/e2e/platform.ts', 'utf-8')).toContain('start: (env: Record<string, string>) => {');
  });

  it('refuses a name that is not kebab-case, the gateway, or a service that exists', async () => {
    const tree = seededTree();
    await expect(serviceGenerator(tree, { name: 'GrantsRegistry' })).rejects.toThrow('kebab-case');
    await expect(serviceGenerator(tree, { name: 'gateway' })).rejects.toThrow('taken');
    tree.write('services/grants-registry/package.json', '{}');
    await expect(serviceGenerator(tree, { name: 'grants-registry' })).rejects.toThrow('already exists');
  });

  it('derives the record name from the plural feature name', () => {
    expect(singular('grants')).toBe('grant');
    expect(singular('categories')).toBe('category');
    expect(singular('addresses')).toBe('address');
    expect(serviceNames({ name: 'grants-registry' })).toMatchObject({
      feature: 'records',
      entity: 'record',
      constantName: 'GRANTS_REGISTRY',
    });
  });
});
