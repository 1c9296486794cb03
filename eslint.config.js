// ESLint flat config: type-aware TypeScript rules, React hooks rules, and the layering of
// docs/architecture.md as import rules. `npm run lint` runs it with --max-warnings 0.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import importX from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const tsProjects = ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.e2e.json']

/** The layers: who may import whom. Paths are from the repository root. */
const layers = {
  shared: 'shared',
  core: 'electron/core',
  main: 'electron/main',
  preload: 'electron/preload',
  renderer: 'renderer',
  host: 'browser-host',
  sandbox: 'sandbox',
}

const zone = (target, from, message) => ({ target: `./${target}`, from: from.map((f) => `./${f}`), message })

const layerZones = [
  zone(
    layers.shared,
    ['electron', 'renderer', 'browser-host', 'sandbox', 'test', 'bench', 'scripts'],
    'shared/ is the contract and the domain: it imports nothing of ours but itself.',
  ),
  zone(
    layers.core,
    [layers.main, layers.preload, layers.renderer, layers.host, layers.sandbox, 'test', 'bench', 'scripts'],
    'electron/core runs in plain Node: it never imports the shell, the renderer, the host or the sandbox.',
  ),
  zone(
    layers.main,
    [layers.renderer, layers.host, layers.sandbox, layers.preload, 'test', 'bench', 'scripts'],
    'electron/main is the shell: it imports core and shared only.',
  ),
  zone(
    layers.preload,
    [layers.core, layers.main, layers.renderer, layers.host, layers.sandbox, 'test', 'bench', 'scripts'],
    'The preload builds window.keywarden from the contract: it imports shared only.',
  ),
  zone(
    layers.renderer,
    ['electron', layers.host, layers.sandbox, 'test', 'bench', 'scripts'],
    'The renderer reaches the main process only through the contract: it imports itself and shared/ only.',
  ),
  zone(
    layers.host,
    [layers.main, layers.preload, layers.renderer, layers.sandbox, 'test', 'bench', 'scripts'],
    'The browser host runs the same core as the Electron shell: it imports core and shared only.',
  ),
  zone(
    layers.sandbox,
    ['electron', layers.renderer, layers.host, layers.shared, 'test', 'bench', 'scripts'],
    'The sandbox plays the remote side: it imports nothing of the app.',
  ),
]

const electronModule = {
  paths: [{ name: 'electron', message: 'Only electron/main (and the preload) may import electron.' }],
  patterns: [
    { group: ['electron/*'], message: 'Only electron/main (and the preload) may import electron.' },
    {
      group: ['../../../*'],
      message: 'Use a path alias (@shared/…, @core/…) instead of climbing more than two folders.',
    },
  ],
}
const noDeepClimb = {
  patterns: [
    {
      group: ['../../../*'],
      message: 'Use a path alias (@shared/…, @core/…) instead of climbing more than two folders.',
    },
  ],
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      '.tmp/',
      'test-results/',
      'playwright-report/',
      '.sandbox-data/',
      'docs/',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { project: tsProjects, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: tsProjects, noWarnOnMultipleProjects: true }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Handlers of the contract are async by signature; many answer synchronously. Not a defect.
      '@typescript-eslint/require-await': 'off',
      // A variable a closure reads before its one assignment (a timer, a late-bound service) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'no-restricted-imports': ['error', electronModule],
    },
  },
  {
    // The shell and the preload are the only places that speak to Electron.
    files: [
      'electron/main/**/*.ts',
      'electron/preload/**/*.ts',
      'test/unit/electron-*.test.ts',
      'test/unit/ipc-*.test.ts',
      'test/electron/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', noDeepClimb] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The classic hooks rules; the React Compiler's rules are not used (the app does not use the compiler).
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
    languageOptions: { globals: globals.browser },
  },
  {
    // vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any`, and expect(obj.method)
    // passes methods unbound on purpose.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  prettier,
)
