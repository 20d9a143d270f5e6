import { cpSync, existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Creates a remote from tools/generators/remote-template and wires it into the site:
 *   - apps/<name> (Next app under basePath /<name>, exposing <Expose>)
 *   - packages/topology/src/apps.ts (REMOTES and APPS: the proxy, nginx and the shell follow)
 *   - apps/shell: the typed module declaration, the loader table, a devDependency for types
 * Everything else (routes, remote entry URLs, nginx) derives from the topology.
 */
export interface NewRemoteOptions {
  root: string;
  name: string;
  port: number;
  expose?: string;
}

export class GeneratorError extends Error {
  override name = 'GeneratorError';
}

const MARKERS = {
  remotes: '  // @generator:remotes',
  apps: '  // @generator:apps',
  modules: '  // @generator:modules',
  declarations: '// @generator:declarations',
};

export function pascalCase(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function insertBefore(file: string, marker: string, text: string) {
  const source = readFileSync(file, 'utf8');
  if (!source.includes(marker)) throw new GeneratorError(`${file} has no "${marker.trim()}" marker`);
  writeFileSync(file, source.replace(marker, text + marker));
}

function replaceInTree(dir: string, replacements: Record<string, string>) {
  for (const entry of readdirSync(dir)) {
    let full = path.join(dir, entry);
    let renamed = entry;
    for (const [from, to] of Object.entries(replacements)) renamed = renamed.split(from).join(to);
    if (renamed !== entry) {
      renameSync(full, path.join(dir, renamed));
      full = path.join(dir, renamed);
    }
    if (statSync(full).isDirectory()) {
      replaceInTree(full, replacements);
    } else {
      let content = readFileSync(full, 'utf8');
      for (const [from, to] of Object.entries(replacements)) content = content.split(from).join(to);
      writeFileSync(full, content);
    }
  }
}

export function newRemote({ root, name, port, expose }: NewRemoteOptions): {
  appDir: string;
  moduleId: string;
} {
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(name) || name.endsWith('-')) {
    throw new GeneratorError(
      `remote name must be lowercase letters, digits and dashes (2-31 chars), got "${name}"`,
    );
  }
  if (['shell', 'api', 'sandbox', '_next'].includes(name)) throw new GeneratorError(`"${name}" is reserved`);
  if (!Number.isInteger(port) || port < 1024 || port > 65535)
    throw new GeneratorError(`port must be 1024-65535, got ${port}`);
  const pascal = pascalCase(name);
  const exposeName = expose ?? `${pascal}Widget`;
  if (!/^[A-Z][A-Za-z0-9]*$/.test(exposeName))
    throw new GeneratorError(`expose must be a PascalCase component name, got "${exposeName}"`);

  const appDir = path.join(root, 'apps', name);
  if (existsSync(appDir)) throw new GeneratorError(`apps/${name} already exists`);
  const topologyFile = path.join(root, 'packages/topology/src/apps.ts');
  const topology = readFileSync(topologyFile, 'utf8');
  if (topology.includes(`'${name}',\n`) || topology.includes(`  ${name}: {`)) {
    throw new GeneratorError(`"${name}" is already in the topology`);
  }
  if (new RegExp(`port: ${port},`).test(topology))
    throw new GeneratorError(`port ${port} is already taken in the topology`);

  cpSync(path.join(root, 'tools/generators/remote-template'), appDir, { recursive: true });
  replaceInTree(appDir, { __PASCAL__Widget: exposeName, __PASCAL__: pascal, __NAME__: name });

  insertBefore(topologyFile, MARKERS.remotes, `  '${name}',\n`);
  insertBefore(
    topologyFile,
    MARKERS.apps,
    [
      `  ${name.includes('-') ? `'${name}'` : name}: {`,
      `    name: '${name}',`,
      `    port: ${port},`,
      `    basePath: '/${name}',`,
      `    exposes: { './${exposeName}': './src/exposes/${exposeName}.tsx' },`,
      `    description: 'remote: ${name}',`,
      '  },',
      '',
    ].join('\n'),
  );

  const moduleId = `${name}/${exposeName}`;
  insertBefore(
    path.join(root, 'apps/shell/src/federation/modules.ts'),
    MARKERS.modules,
    `  '${moduleId}': () => import('${moduleId}'),\n`,
  );
  insertBefore(
    path.join(root, 'apps/shell/src/remotes.d.ts'),
    MARKERS.declarations,
    `declare module '${moduleId}' {\n  export { default } from '@mfv/${name}/exposes/${exposeName}';\n}\n`,
  );
  const shellPackageFile = path.join(root, 'apps/shell/package.json');
  const shellPackage = JSON.parse(readFileSync(shellPackageFile, 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  shellPackage.devDependencies[`@mfv/${name}`] = 'workspace:*';
  writeFileSync(shellPackageFile, JSON.stringify(shellPackage, null, 2) + '\n');
  return { appDir, moduleId };
}
