export { default } from '@mfv/eslint-config/base';
