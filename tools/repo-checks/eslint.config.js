import base from '@mfv/eslint-config/base';

export default [...base];
