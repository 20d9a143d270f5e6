import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Shared rules for every package. `process.env` may only be read in an `env.ts`
 * (docs/architecture.md "Conventions in the code": each package validates its own environment
 * in one place).
 */
export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/.next/**',
      '**/.next-dev/**',
      '**/public/_mf/**',
      '**/public/_mfv/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through the package env.ts (zod-validated).',
        },
      ],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits or handles fails silently (an unhandled rejection
    // that kills the process, or a step that runs after the response); a promise where a void
    // callback is expected (an event handler, a `forEach`) is never awaited by its caller.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: process.cwd() },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },

  {
    files: [
      '**/env.ts',
      '**/*.config.{js,mjs,ts}',
      '**/*.test.ts',
      '**/*.test.tsx',
      'scripts/**',
      'test/**',
      'tests/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);
