import next from '@mfv/eslint-config/next';

export default [
  ...next,
  {
    // core/ is what every provider builds on (docs/architecture.md); it never reaches into a
    // provider's room, so a provider can be added or removed without touching it.
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/providers', '**/providers/**'],
              message: 'core/ must not import from providers/*.',
            },
          ],
        },
      ],
    },
  },
];
