export * from './apps.js';
export * from './env.js';
export * from './routes.js';
export * from './federation.js';
