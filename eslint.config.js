// Lint rules: typescript-eslint's recommended type-aware set, plus the project's own conventions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The console platform and the command line write to the terminal by design; benches print tables.
    files: ['src/platforms/console/**', 'src/cli.ts', 'src/cli/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Plain Node scripts run before anything is built (npm start's build check).
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly' } },
  },
);
