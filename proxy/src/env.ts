/** Address the local dev proxy binds to: loopback unless told otherwise (e.g. 0.0.0.0 in a container). */
export function proxyBindHost(env: NodeJS.ProcessEnv = process.env): string {
  return env.MFV_PROXY_BIND ?? '127.0.0.1';
}
