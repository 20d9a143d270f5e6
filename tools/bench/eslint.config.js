import base from '@mfv/eslint-config/base';

// Benchmarks configure the processes they start, so they read the environment directly.
export default [...base, { rules: { 'no-restricted-properties': 'off' } }];
