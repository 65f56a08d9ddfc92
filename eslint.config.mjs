// One lint config for the workspace. Layering (STYLE.md): apps depend on platform, contracts and
// reference libs; platform libs on contracts only; contracts on nothing of ours; nobody imports an app
// except the end-to-end tests. Deep imports into another package are banned; cycles are errors.
import nx from '@nx/eslint-plugin';
import importX from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const boundaries = (allow) => ({
  allow,
  banTransitiveDependencies: false,
  depConstraints: [
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
    { sourceTag: 'type:reference', onlyDependOnLibsWithTags: ['type:contracts'] },
    { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:reference'] },
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:reference'] },
    { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:app', 'type:platform', 'type:contracts', 'type:reference', 'type:testing'] },
    { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:app', 'type:platform', 'type:contracts', 'type:reference', 'type:testing'] },
  ],
});

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '.nx/**', '.tools/**', 'docs/**', 'tools/generators/**/files/**'] },
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@nx': nx, 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      '@nx/enforce-module-boundaries': ['error', boundaries([])],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // End-to-end tests, benchmarks and tooling boot services through their public index (and only those).
    files: ['test/**/*.ts', 'tools/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(['@vidnova/*'])] },
  },
  { files: ['**/*.cjs', '**/*.mjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
];
