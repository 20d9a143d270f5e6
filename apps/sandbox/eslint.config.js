import base from '@mfv/eslint-config/base';

export default [
  ...base,
  {
    // docs/sandbox.md "Independence from the platform's clients": the sandbox implements every
    // provider's side independently. From the client packages its source may import only data that
    // a test checks against the provider's document: the mobile-ok §8 rows (result-codes.json).
    // test/sandbox-independence.test.ts checks the same rule with the TypeScript parser.
    // (Other rules go in this same block: a second `no-restricted-imports` would replace it.)
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@mfv/verification',
              message: 'The sandbox must not use the clients’ code (docs/sandbox.md).',
            },
            {
              name: '@mfv/mtls',
              message: 'The sandbox must not use the clients’ code (docs/sandbox.md).',
            },
          ],
          patterns: [
            {
              regex: '^@mfv/(verification|mtls)/(?!mobile-ok/result-codes\\.json$)',
              message:
                'Only @mfv/verification/mobile-ok/result-codes.json (checked against the guide’s §8) may be imported (docs/sandbox.md).',
            },
          ],
        },
      ],
    },
  },
];
