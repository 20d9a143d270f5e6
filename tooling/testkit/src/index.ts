/**
 * Test helpers, one copy each: free ports, the test CA and real Redis servers. Tooling only: no
 * runtime package imports it outside its tests.
 */
export { freePort, freePorts, portIsFree } from './ports.js';
export { sleep } from './sleep.js';
export { issue, makeCa, OPENSSL_BIN, type Issued } from './tls.js';
export * from './redis/index.js';
