import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  federationOptions,
  withSharedBrowserRuntime,
  type NextFederationPluginClass,
} from '../src/federation.js';
import { nextConfigFor } from '../src/next-config.js';
import { STANDALONE_RUNTIME_PATH, installStandaloneRuntime } from '../src/standalone-runtime.js';

/** Stands in for NextFederationPlugin: records options and returns what nextjs-mf 8.8 returns. */
class FakePlugin {
  constructor(readonly options: Record<string, unknown>) {}
  getNormalFederationPluginOptions(_compiler: unknown, _isServer: boolean): Record<string, unknown> {
    return { ...this.options, experiments: { asyncStartup: true } };
  }
}
const Fake = FakePlugin as unknown as NextFederationPluginClass;

describe('federation options', () => {
  it('come from the topology: name, remote entry file, exposes', () => {
    expect(federationOptions('notice')).toMatchObject({
      name: 'notice',
      filename: 'static/chunks/remoteEntry.js',
      exposes: {
        './NoticeBell': './src/exposes/NoticeBell.tsx',
        './NoticeList': './src/exposes/NoticeList.tsx',
      },
      remotes: {},
    });
    expect(federationOptions('shell', { user: 'user@/x.js' }, ['/p.ts'])).toMatchObject({
      exposes: {},
      remotes: { user: 'user@/x.js' },
      runtimePlugins: ['/p.ts'],
    });
  });
});

describe('one federation runtime in the browser', () => {
  it('remotes take the runtime from outside in the browser build only, keeping nextjs-mf experiments', () => {
    const plugin = new (withSharedBrowserRuntime(Fake, 'remote'))({ name: 'user' });
    expect(plugin.getNormalFederationPluginOptions({}, false).experiments).toEqual({
      asyncStartup: true,
      externalRuntime: true,
    });
    expect(plugin.getNormalFederationPluginOptions({}, true).experiments).toEqual({ asyncStartup: true });
  });

  it('the shell provides it', () => {
    const plugin = new (withSharedBrowserRuntime(Fake, 'host'))({ name: 'shell' });
    expect(plugin.getNormalFederationPluginOptions({}, false).experiments).toEqual({
      asyncStartup: true,
      provideExternalRuntime: true,
    });
  });

  it('a remote gets the bundled runtime for its own pages, under a versioned public path', () => {
    const appDir = mkdtempSync(path.join(tmpdir(), 'mfv-next-config-'));
    try {
      installStandaloneRuntime(appDir);
      const file = path.join(appDir, 'public', STANDALONE_RUNTIME_PATH);
      expect(STANDALONE_RUNTIME_PATH).toMatch(/^\/_mf\/runtime-core-\d+\.\d+\.\d+\.js$/);
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain('_FEDERATION_RUNTIME_CORE');
    } finally {
      rmSync(appDir, { recursive: true, force: true });
    }
  });
});

describe('nextConfigFor', () => {
  it('sets the base path from the topology and keeps dev output apart from the build', () => {
    const appDir = mkdtempSync(path.join(tmpdir(), 'mfv-next-config-'));
    try {
      const config = nextConfigFor('verify', { appDir, NextFederationPlugin: FakePlugin });
      expect(config('phase-production-build')).toMatchObject({ basePath: '/verify', distDir: '.next' });
      expect(config('phase-development-server').distDir).toBe('.next-dev');
      const webpackConfig = { plugins: [] as unknown[] };
      config('phase-production-build').webpack(webpackConfig, { isServer: false });
      expect((webpackConfig.plugins[0] as FakePlugin).options).toMatchObject({ name: 'verify' });
    } finally {
      rmSync(appDir, { recursive: true, force: true });
    }
  });

  it('gives the shell its remotes per side and copies no runtime into it', () => {
    const appDir = mkdtempSync(path.join(tmpdir(), 'mfv-next-config-'));
    try {
      const config = nextConfigFor('shell', {
        appDir,
        NextFederationPlugin: FakePlugin,
        remotes: (side) => ({ user: `user@${side}` }),
      })('phase-production-server');
      expect(config.basePath).toBe('');
      for (const isServer of [true, false]) {
        const webpackConfig = { plugins: [] as unknown[] };
        config.webpack(webpackConfig, { isServer });
        expect((webpackConfig.plugins[0] as FakePlugin).options.remotes).toEqual({
          user: `user@${isServer ? 'server' : 'client'}`,
        });
      }
      expect(existsSync(path.join(appDir, 'public'))).toBe(false);
    } finally {
      rmSync(appDir, { recursive: true, force: true });
    }
  });
});

describe('output for images (MFV_NEXT_OUTPUT, MFV_SOURCE_MAPS)', () => {
  const WORKSPACE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const configWith = (env: Record<string, string>, phase = 'phase-production-build') => {
    const appDir = mkdtempSync(path.join(tmpdir(), 'mfv-next-config-'));
    try {
      return nextConfigFor('shell', { appDir, NextFederationPlugin: FakePlugin, env })(phase);
    } finally {
      rmSync(appDir, { recursive: true, force: true });
    }
  };

  it('builds what `next start` serves unless told otherwise', () => {
    const config = configWith({});
    expect(config).not.toHaveProperty('output');
    expect(config).not.toHaveProperty('productionBrowserSourceMaps');
  });

  it('standalone traces dependencies from the workspace root (pnpm symlinks, workspace packages)', () => {
    expect(configWith({ MFV_NEXT_OUTPUT: 'standalone' })).toMatchObject({
      output: 'standalone',
      outputFileTracingRoot: WORKSPACE_ROOT,
    });
    expect(existsSync(path.join(WORKSPACE_ROOT, 'pnpm-workspace.yaml'))).toBe(true);
  });

  it('emits browser source maps only when asked, and never changes `next dev`', () => {
    expect(configWith({ MFV_SOURCE_MAPS: 'true' })).toMatchObject({ productionBrowserSourceMaps: true });
    const dev = configWith(
      { MFV_NEXT_OUTPUT: 'standalone', MFV_SOURCE_MAPS: 'true' },
      'phase-development-server',
    );
    expect(dev).not.toHaveProperty('output');
    expect(dev).not.toHaveProperty('productionBrowserSourceMaps');
  });

  it('inlines the federation runtime’s path into the bundles (no file-system lookup at run time)', () => {
    expect(configWith({}).env).toEqual({ MFV_MF_RUNTIME_PATH: STANDALONE_RUNTIME_PATH });
  });

  it('refuses an unknown output mode, naming the variable', () => {
    expect(() => configWith({ MFV_NEXT_OUTPUT: 'export' })).toThrow(/MFV_NEXT_OUTPUT/);
  });
});
