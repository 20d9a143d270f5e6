import base from '@mfv/eslint-config/base';

// The e2e harness configures the processes it starts, so it reads the environment directly.
export default [...base, { rules: { 'no-restricted-properties': 'off' } }];
