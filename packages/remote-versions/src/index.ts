export * from './manifest.js';
export * from './compat.js';
export * from './urls.js';
