import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noTfjs = {
  group: ['@tensorflow/*'],
  message: 'tfjs belongs in src/compile, src/data, src/train, src/export and src/cli only (see ARCHITECTURE.md).',
};
const noReact = {
  group: ['react', 'react-dom', '@xyflow/*'],
  message: 'React belongs in src/ui only (see ARCHITECTURE.md).',
};
const noOurs = (...dirs) => ({
  group: dirs.map((d) => `**/${d}/**`),
  message: `This layer may not import ${dirs.join(', ')} (see ARCHITECTURE.md, import rules).`,
});

export default tseslint.config(
  { ignores: ['.*/**', 'dist', 'node_modules', 'playwright-report', 'test-results', 'public', 'bench/results'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/graph/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTfjs, noReact, noOurs('store', 'ui', 'compile', 'train', 'data', 'export', 'cli')] }] },
  },
  {
    files: ['src/store/**'],
    // The run slice keeps the worker's run records and events: their types come from the training
    // protocol, a pure-types file (no tfjs) the UI imports too. Nothing else of src/train.
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noTfjs, noReact, { ...noOurs('ui', 'compile', 'train', 'data', 'export', 'cli'), group: [...noOurs('ui', 'compile', 'train', 'data', 'export', 'cli').group, '!**/train/trainingProtocol.ts'] }] },
      ],
    },
  },
  {
    files: ['src/ui/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTfjs, noOurs('compile', 'data', 'export', 'cli')] }] },
  },
);
