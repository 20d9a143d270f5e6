/**
 * `@mfv/mtls` (server-only): load the mTLS client certificate and key once at boot, refuse
 * unsafe or unusable material, and build the agents that present them. See README.md.
 */
export * from './marker.js';
export * from './errors.js';
export * from './load.js';
export * from './agents.js';
