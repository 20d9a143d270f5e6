export { default } from '@mfv/eslint-config/next';
