// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import pluginQuery from '@tanstack/eslint-plugin-query'
import globals from 'globals'
import boundaries from 'eslint-plugin-boundaries'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

export default tseslint.config(
  { ignores: ['dist', 'node_modules', '.cache', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginQuery.configs['flat/recommended'],
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/**/*.tsx'], ...jsxA11y.flatConfigs.strict },
  {
    // Boundaries (docs/decisions/028-boundaries-and-cycles.md): features never import each other, shared
    // code (lib, components, config) never imports features or the app; pages in src/app compose features.
    // The feature's name is captured from its folder, so a new folder in src/features is covered as it is,
    // and imports are resolved to files, so an alias and a relative path are refused alike.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      'boundaries/elements': [
        { type: 'feature', pattern: 'src/features/*', capture: ['feature'] },
        { type: 'app', pattern: 'src/app' },
        { type: 'shared', pattern: ['src/lib', 'src/components', 'src/config'] },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              from: { element: { type: 'feature' } },
              disallow: { to: { element: { types: ['feature', 'app'] } } },
              message:
                'Features do not import each other or the app: the page in src/app composes them.',
            },
            {
              // Later policies win: a feature may import its own files.
              from: { element: { type: 'feature' } },
              allow: {
                to: {
                  element: {
                    type: 'feature',
                    captured: { feature: '{{ from.element.captured.feature }}' },
                  },
                },
              },
            },
            {
              from: { element: { type: 'shared' } },
              disallow: { to: { element: { types: ['feature', 'app'] } } },
              message: 'Shared code must not import features or the app.',
            },
          ],
        },
      ],
    },
  },
  {
    // No import cycles, lazy ones included: a module that needs its importer belongs with it or in a third module.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Issue 13: scripts never import from tests/ (tests may import scripts). What both need, such as
    // serving a build with nginx (scripts/serve/nginx.ts), lives under scripts/.
    files: ['scripts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)tests(/|$)',
              message: 'scripts/ must not import from tests/: move what both need into scripts/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Issue 13: browser tests wait for the condition they need (a locator, waitForFunction,
    // expect.poll, untilNetworkQuiet), not for a time. The one named exception is quietPeriod
    // (tests/e2e/support/quiet.ts), for a window in which something must not happen.
    files: ['tests/e2e/**/*.ts'],
    ignores: ['tests/e2e/support/quiet.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='waitForTimeout']",
          message:
            'Wait for a condition, not a time; a window in which nothing may happen is quietPeriod (tests/e2e/support/quiet.ts).',
        },
      ],
    },
  },
)
