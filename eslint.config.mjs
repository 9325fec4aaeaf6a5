// ESLint (flat config): typescript-eslint's recommended rules, with the few places where the code
// deliberately does otherwise turned off or narrowed (each says why). Run by `npm run lint` and by
// the lint suite of `npm test` (test/lint). Formatting is Prettier's (.prettierrc.json, `npm run format`,
// checked by test/lint/prettier.test.ts); no ESLint rule here is about layout.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test/e2e/.cache/**', '**/*.js', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // One-line branches assign two variables as a comma sequence: `if (x) (need = 1), (min = 0x80);`.
      '@typescript-eslint/no-unused-expressions': 'off',
      // A parameter that must be there for its position is named with a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // An async generator function (no arrow form exists) reaches its object as `self`.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['self'] }],
    },
  },
  {
    // Tests build loosely typed protocol messages and stand-ins.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
