import base from '@mfv/eslint-config/base';

// The checks configure the processes they start (and read the compose file's environment),
// so they read environments directly.
export default [...base, { rules: { 'no-restricted-properties': 'off' } }];
