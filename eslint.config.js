import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// Components and pages never talk to the network or to IndexedDB directly: they
// call services (src/lib/sync) and repositories (src/lib/db). See DESIGN.md.
const noDirectFetch = {
  'no-restricted-globals': [
    'error',
    { name: 'fetch', message: 'Use the API client or the sync engine in src/lib/sync.' },
  ],
  'no-restricted-properties': [
    'error',
    ...['window', 'globalThis', 'self'].map((object) => ({
      object,
      property: 'fetch',
      message: 'Use the API client or the sync engine in src/lib/sync.',
    })),
  ],
};

const noDirectDexie = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'dexie', message: 'Go through a repository in src/lib/db.' }],
      patterns: [{ group: ['dexie/*'], message: 'Go through a repository in src/lib/db.' }],
    },
  ],
};

export default defineConfig(
  {
    ignores: [
      'build/',
      '.svelte-kit/',
      'node_modules/',
      'src/lib/paraglide/',
      'data/',
      'test-results/',
      'playwright-report/',
      'coverage/',
      'bench/.tmp/',
      'tmp/',
      'project.inlang/',
    ],
  },
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    files: ['src/lib/ui/**', 'src/routes/**'],
    rules: { ...noDirectFetch, ...noDirectDexie },
  },
  {
    files: ['src/lib/db/**'],
    rules: noDirectFetch,
  },
);
