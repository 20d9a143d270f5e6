import base from '@mfv/eslint-config/base';

export default [
  ...base,
  {
    // docs/sandbox.md "Independence from the platform's clients": the sandbox implements the
    // provider's side independently. From the mobile-ok
    // client it may import plain data (`errors`) and the key-file writer (dev keys), nothing else.
    // (Other providers' rules go in this same block: a second `no-restricted-imports` would replace it.)
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@mfv/verification/mobile-ok',
              message:
                'The sandbox must not use the mobile-ok client’s protocol or crypto code (docs/sandbox.md).',
            },
          ],
          patterns: [
            {
              // KCB, SSAFY Verify and Toss: nothing from their clients (docs/sandbox.md).
              regex: '^@mfv/verification/(kcb|ssafy|toss)(/|$)',
              message:
                'The sandbox implements KCB, SSAFY Verify and Toss independently of their clients (docs/sandbox.md).',
            },
            {
              regex: '^@mfv/verification/mobile-ok/(?!errors$|keyfile-writer$)',
              message:
                'Only @mfv/verification/mobile-ok/errors and /keyfile-writer may be imported (docs/sandbox.md).',
            },
          ],
        },
      ],
    },
  },
];
