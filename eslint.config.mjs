// ESLint flat config: TypeScript rules everywhere, LWC rules for components, Node globals for
// scripts and configs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lwcPlugin from '@lwc/eslint-plugin-lwc';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'coverage/**',
      '.build/**',
      'test-fixtures/**',
      'force-app/main/default/lwc/**/*.js',
      'docs/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['force-app/**/lwc/**/*.ts', 'force-app/test/jest-mocks/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { '@lwc/lwc': lwcPlugin },
    rules: {
      '@lwc/lwc/no-api-reassignments': 'error',
      '@lwc/lwc/no-document-query': 'error',
      '@lwc/lwc/no-inner-html': 'error',
      '@lwc/lwc/no-async-operation': 'error',
      '@lwc/lwc/no-leading-uppercase-api-name': 'error',
      '@lwc/lwc/valid-api': 'error',
      '@lwc/lwc/valid-wire': 'error',
      '@lwc/lwc/no-unknown-wire-adapters': 'off'
    }
  },
  {
    files: ['**/__tests__/**/*.ts'],
    languageOptions: { globals: { ...globals.jest, ...globals.browser } },
    rules: { '@lwc/lwc/no-async-operation': 'off' }
  },
  {
    files: ['scripts/**/*.ts', '*.cjs', '*.mjs', 'types/**/*.ts'],
    languageOptions: { globals: { ...globals.node } }
  },
  {
    files: ['*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['types/**/*.d.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' }
  }
);
