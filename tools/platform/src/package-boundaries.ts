/**
 * Package boundaries of the workspace, checked from the package.json files and sources:
 *
 * 1. A library under `packages/` never depends on an app under `apps/` (any dependency field),
 *    and its runtime `dependencies` never reach an app through another workspace package either.
 *    Apps depend on libraries, not the other way round; what an app and its callers share (the
 *    api's wire contract) is a library of its own.
 * 2. Test helpers stay out of what a library builds: a library's `./testing` export points into
 *    its `test/` folder (source for vitest; the build compiles `src/` only), and nothing under a
 *    library's `src/` imports `@mfv/testkit` (tooling, for tests).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface WorkspacePackage {
  name: string;
  /** Folder relative to the repository root, e.g. `packages/auth`. */
  dir: string;
  dependencies: string[];
  devDependencies: string[];
  peerDependencies: string[];
  optionalDependencies: string[];
  exports: Record<string, unknown>;
}

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  exports?: Record<string, unknown>;
}

/** Every workspace package, from the globs of pnpm-workspace.yaml (`dir/*` or `dir`). */
export function readWorkspace(root: string): WorkspacePackage[] {
  const { packages: globs } = parse(readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8')) as {
    packages: string[];
  };
  const dirs = globs.flatMap((glob) => {
    if (!glob.endsWith('/*')) return [glob];
    const parent = glob.slice(0, -2);
    if (!existsSync(path.join(root, parent))) return [];
    return readdirSync(path.join(root, parent))
      .map((child) => `${parent}/${child}`)
      .filter((dir) => statSync(path.join(root, dir)).isDirectory());
  });
  return dirs
    .filter((dir) => existsSync(path.join(root, dir, 'package.json')))
    .map((dir) => {
      const json = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')) as PackageJson;
      const workspaceNames = (deps: Record<string, string> | undefined) =>
        Object.entries(deps ?? {})
          .filter(([, version]) => version.startsWith('workspace:'))
          .map(([name]) => name);
      return {
        name: json.name ?? dir,
        dir,
        dependencies: workspaceNames(json.dependencies),
        devDependencies: workspaceNames(json.devDependencies),
        peerDependencies: workspaceNames(json.peerDependencies),
        optionalDependencies: workspaceNames(json.optionalDependencies),
        exports: json.exports ?? {},
      };
    });
}

const isApp = (pkg: WorkspacePackage) => pkg.dir.startsWith('apps/');
const isLibrary = (pkg: WorkspacePackage) => pkg.dir.startsWith('packages/');

/** Boundary violations, one sentence each; empty when the workspace keeps its boundaries. */
export function dependencyViolations(workspace: WorkspacePackage[]): string[] {
  const byName = new Map(workspace.map((pkg) => [pkg.name, pkg]));
  const violations: string[] = [];
  for (const pkg of workspace.filter(isLibrary)) {
    const fields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
    for (const field of fields) {
      for (const name of pkg[field]) {
        const target = byName.get(name);
        if (target && isApp(target))
          violations.push(`${pkg.dir} lists the app ${name} (${target.dir}) in ${field}`);
      }
    }
    // Runtime reach: what ships with the library must not pull an app in through another package.
    const seen = new Set<string>();
    const walk = (name: string, trail: string[]) => {
      if (seen.has(name)) return;
      seen.add(name);
      const target = byName.get(name);
      if (!target) return;
      if (isApp(target)) {
        // A direct dependency on an app is reported above; this is the path through others.
        if (trail.length > 2)
          violations.push(
            `${pkg.dir} reaches the app ${name} at run time through ${trail.slice(1).join(' → ')}`,
          );
        return;
      }
      for (const next of target.dependencies) walk(next, [...trail, next]);
    };
    for (const name of pkg.dependencies) walk(name, [pkg.name, name]);
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (!/testing/.test(subpath)) continue;
      const files = typeof target === 'string' ? [target] : Object.values(target ?? {});
      if (files.some((file) => typeof file !== 'string' || !file.startsWith('./test/')))
        violations.push(`${pkg.dir} exports its test helpers ${subpath} from outside test/`);
    }
  }
  return violations;
}

/** Sources a library builds (everything under `src/`) that import the testkit. */
export function testkitImportViolations(root: string, workspace: WorkspacePackage[]): string[] {
  const violations: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') visit(rel);
      } else if (/\.tsx?$/.test(entry.name)) {
        if (/from '@mfv\/testkit|import\('@mfv\/testkit/.test(readFileSync(path.join(root, rel), 'utf8')))
          violations.push(`${rel} imports @mfv/testkit in code the library builds`);
      }
    }
  };
  for (const pkg of workspace.filter(isLibrary))
    if (existsSync(path.join(root, pkg.dir, 'src'))) visit(`${pkg.dir}/src`);
  return violations;
}
