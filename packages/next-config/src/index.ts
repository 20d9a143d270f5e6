export { nextConfigFor, type NextConfigOptions } from './next-config.js';
export { federationOptions, withSharedBrowserRuntime } from './federation.js';
export { STANDALONE_RUNTIME_PATH, installStandaloneRuntime } from './standalone-runtime.js';
