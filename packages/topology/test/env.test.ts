import { describe, expect, it } from 'vitest';
import { readTopologyEnv, TopologyConfigError } from '../src/env.js';
import { shellRemotes } from '../src/federation.js';

describe('readTopologyEnv', () => {
  it('defaults to the documented ports on loopback', () => {
    const env = readTopologyEnv({});
    expect(env.proxyPort).toBe(8080);
    expect(env.ports).toEqual({ shell: 3000, verify: 3001, user: 3002, notice: 3003 });
    expect(new Set(Object.values(env.hosts))).toEqual(new Set(['127.0.0.1']));
  });

  it('takes per-app ports and hosts from MFV_<APP>_PORT / MFV_<APP>_HOST', () => {
    const env = readTopologyEnv({ MFV_USER_PORT: '4302', MFV_USER_HOST: 'user', MFV_PROXY_PORT: '9000' });
    expect(env.ports.user).toBe(4302);
    expect(env.hosts.user).toBe('user');
    expect(env.proxyPort).toBe(9000);
  });

  it.each([
    [{ MFV_USER_PORT: 'abc' }, /MFV_USER_PORT must be a port number/],
    [{ MFV_USER_PORT: '70000' }, /MFV_USER_PORT/],
    [{ MFV_NOTICE_HOST: 'bad host!' }, /MFV_NOTICE_HOST/],
    [{ MFV_USER_PORT: '3001' }, /user and verify are both configured for 127.0.0.1:3001/],
    [{ MFV_PROXY_PORT: '3000' }, /shell and proxy/],
  ])('rejects %o', (env, message) => {
    expect(() => readTopologyEnv(env)).toThrow(TopologyConfigError);
    expect(() => readTopologyEnv(env)).toThrow(message);
  });

  it('allows the same port on different hosts (one container per app)', () => {
    const env = readTopologyEnv({
      MFV_SHELL_HOST: 'shell',
      MFV_VERIFY_HOST: 'verify',
      MFV_USER_HOST: 'user',
      MFV_NOTICE_HOST: 'notice',
      MFV_SHELL_PORT: '3000',
      MFV_VERIFY_PORT: '3000',
      MFV_USER_PORT: '3000',
      MFV_NOTICE_PORT: '3000',
    });
    expect(env.ports.verify).toBe(3000);
  });
});

describe('shellRemotes', () => {
  it('points the server at each remote SSR entry on the internal network and the browser at the public path', () => {
    const env = readTopologyEnv({ MFV_NOTICE_HOST: 'notice', MFV_NOTICE_PORT: '3000' });
    expect(shellRemotes('server', env).notice).toBe(
      'notice@http://notice:3000/notice/_next/static/ssr/remoteEntry.js',
    );
    expect(shellRemotes('client', env)).toEqual({
      verify: 'verify@/verify/_next/static/chunks/remoteEntry.js',
      user: 'user@/user/_next/static/chunks/remoteEntry.js',
      notice: 'notice@/notice/_next/static/chunks/remoteEntry.js',
    });
  });
});
