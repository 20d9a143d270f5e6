import { readFileSync } from 'node:fs';
import path from 'node:path';
import { envCatalog, type EnvVariable } from '@mfv/config/catalog';
import { REPO_ROOT } from '@mfv/site';

/**
 * `.env.example`, generated from the zod schemas (packages/config) and the compose files:
 * every variable any app reads is in it, documented, with its default; the ones docker compose
 * substitutes (`${VAR}` in docker-compose.yml or deploy/compose.providers.yml) are set, with
 * compose's own default, so `cp .env.example .env` changes nothing until one is edited.
 *
 * `pnpm env:example` writes it; tools/platform/test/env-example.test.ts fails when the file,
 * the schemas and the compose files disagree.
 */

export const ENV_EXAMPLE = path.join(REPO_ROOT, '.env.example');
export const COMPOSE_FILES = ['docker-compose.yml', 'deploy/compose.providers.yml'].map((f) =>
  path.join(REPO_ROOT, f),
);

/** Variables only docker compose reads (no app schema has them). */
export const COMPOSE_ONLY_DOCS: Readonly<Record<string, string>> = {
  MFV_PUBLIC_PORT: 'compose: host port nginx publishes the site on (set AUTH_PUBLIC_ORIGIN to match)',
  MFV_SANDBOX_PORT:
    "compose: the sandbox's port, the same inside and on 127.0.0.1 (browsers and containers use http://sandbox.localhost:<port>)",
  MFV_NODE_IMAGE:
    'image build: the Node.js 20 base image (default node:20-bookworm-slim; offline: local/node:20, deploy/compose.offline.yml)',
  MFV_BUILD_CA_CERTS:
    'image build: extra PEM CA certificates the build trusts (a TLS-inspecting proxy to the npm registry); never in the final image',
  MFV_BUILD_FROM:
    'image build: source (default) builds the workspace in the image; prebuilt packages deploy/.prebuilt/<app> (deploy/build-app.sh --built)',
};

/** Image build settings (docker build --build-arg / --secret), never read at run time. */
export const BUILD_DOCS: Readonly<Record<string, string>> = {
  SENTRY_ORG: 'image build: Sentry organisation for the source-map upload (--build-arg)',
  SENTRY_PROJECT: 'image build: Sentry project for the source-map upload (--build-arg)',
  SENTRY_URL: 'image build: self-hosted Sentry URL (--build-arg; default sentry.io)',
  SENTRY_AUTH_TOKEN:
    'image build: Sentry auth token — a BuildKit secret (--secret id=sentry_auth_token,env=SENTRY_AUTH_TOKEN), never a build arg',
};

export interface ComposeVariable {
  name: string;
  /** `${NAME:-default}`'s default ('' for `${NAME}` and `${NAME:-}`). */
  default: string;
  files: string[];
}

const REFERENCE = /\$\{([A-Z][A-Z0-9_]*)(?:(:?[-?])([^}]*))?\}/g;

/** Every `${VAR}` the compose files substitute, with its inline default. */
export function composeVariables(files: string[] = COMPOSE_FILES): ComposeVariable[] {
  const found = new Map<string, ComposeVariable>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('\n');
    for (const match of text.matchAll(REFERENCE)) {
      const [, name, operator, value] = match;
      const fallback = operator?.endsWith('-') ? (value ?? '') : '';
      const seen = found.get(name!);
      const relative = path.relative(REPO_ROOT, file);
      if (seen && seen.default !== fallback) {
        throw new Error(
          `\${${name}} has two defaults: "${seen.default}" (${seen.files.join(', ')}) and "${fallback}" (${relative})`,
        );
      }
      if (seen) {
        if (!seen.files.includes(relative)) seen.files.push(relative);
      } else found.set(name!, { name: name!, default: fallback, files: [relative] });
    }
  }
  return [...found.values()];
}

/** Schema groups as headings: which app (or package) reads them. */
const GROUP_TITLES: Readonly<Record<string, string>> = {
  shared: 'Read by several apps',
  api: 'api — apps/api (apiEnvSchema)',
  auth: 'Every Next app — @mfv/auth (authEnvSchema, with REDIS_URL from redisEnvSchema)',
  nextBuild: 'next build — packages/next-config (nextBuildEnvSchema); never read at run time',
  notice: 'notice — apps/notice (noticeEnvSchema)',
  redis: 'Redis (redisEnvSchema)',
  sandbox: 'sandbox — apps/sandbox, dev and tests only (sandboxEnvSchema)',
  sentry: 'Sentry — every Next app and the api (sentryEnvSchema)',
  shell: 'shell — apps/shell (shellEnvSchema)',
  user: 'user — apps/user: Kakao, Toss login, mTLS (userEnvSchema)',
  verification: 'KCB / SSAFY / Toss clients — @mfv/verification (verificationEnvSchema)',
  verify: 'verify — apps/verify: mobile-ok (verifyEnvSchema)',
};

/**
 * A variable several schemas read is documented under the most specific one (the smallest):
 * REDIS_URL under redis rather than auth, SENTRY_DSN under sentry rather than api.
 */
function primaryGroup(variable: EnvVariable, sizes: Map<string, number>): string {
  if (variable.schemas.length >= 3) return 'shared';
  return [...variable.schemas].sort((a, b) => (sizes.get(a) ?? 0) - (sizes.get(b) ?? 0))[0]!;
}

function facts(variable: EnvVariable, primary: string): string {
  const others = variable.schemas.filter((g) => g !== primary);
  const readBy = others.length > 0 ? `; also read by ${others.join(', ')}` : '';
  const presence =
    variable.default !== undefined
      ? `default ${variable.default === '' ? '(empty)' : variable.default}`
      : variable.optional
        ? 'optional'
        : 'required';
  return `${presence}${readBy}`;
}

/** A value written into .env must survive compose's parser: quote what has spaces or #. */
function envValue(value: string): string {
  return /[\s#"']/.test(value) ? `"${value.replace(/(["\\$])/g, '\\$1')}"` : value;
}

export class UndocumentedVariablesError extends Error {
  override name = 'UndocumentedVariablesError';
}

export function renderEnvExample(
  catalog: EnvVariable[] = envCatalog(),
  compose: ComposeVariable[] = composeVariables(),
): string {
  const undocumented = catalog.filter((v) => !v.description).map((v) => v.name);
  const known = new Set([...catalog.map((v) => v.name), ...Object.keys(COMPOSE_ONLY_DOCS)]);
  const unknownCompose = compose.filter((v) => !known.has(v.name)).map((v) => v.name);
  if (undocumented.length > 0 || unknownCompose.length > 0) {
    throw new UndocumentedVariablesError(
      [
        ...(undocumented.length
          ? [`schema variables without a line in packages/config/src/env-docs.ts: ${undocumented.join(', ')}`]
          : []),
        ...(unknownCompose.length
          ? [
              `compose substitutes variables no schema reads (add them to COMPOSE_ONLY_DOCS): ${unknownCompose.join(', ')}`,
            ]
          : []),
      ].join('\n'),
    );
  }
  const substituted = new Map(compose.map((v) => [v.name, v]));
  const line = (name: string, description: string, detail: string, fallback: string | undefined) => {
    const compose = substituted.get(name);
    const where = compose ? ` [compose: ${compose.files.join(', ')}]` : '';
    return [
      `# ${description} — ${detail}${where}`,
      compose
        ? `${name}=${envValue(compose.default)}`
        : `# ${name}=${fallback === undefined ? '' : envValue(fallback)}`,
    ];
  };

  const out: string[] = [
    '# .env.example — every environment variable of the site, generated by `pnpm env:example`',
    '# (tools/platform/src/env-example.ts) from the zod schemas in packages/config and the compose',
    '# files. Do not edit by hand: tools/platform/test/env-example.test.ts fails when they disagree.',
    '#',
    '# docker compose reads `.env` next to docker-compose.yml: `cp .env.example .env`, then edit.',
    '# Uncommented lines are what docker-compose.yml (and deploy/compose.providers.yml) substitute,',
    '# set to compose’s own defaults — as written they run the site against the sandbox',
    '# (`docker compose up`). Commented lines document every other variable an',
    '# app reads, with its default: set one under the service’s `environment:` (an override file).',
    '#',
    '# Secrets never go here. The platform’s own are generated into a volume on the first `up`; the',
    '# providers’ are files under ./secrets/, mounted as compose secrets and read through the',
    '# *_FILE variables (docs/operations.md, "Secrets"). The `pnpm start` runner needs none of this.',
    '',
    '## docker compose',
  ];
  for (const [name, description] of Object.entries(COMPOSE_ONLY_DOCS)) {
    out.push(...line(name, description, 'compose only', undefined));
  }
  const sizes = new Map<string, number>();
  for (const variable of catalog) for (const g of variable.schemas) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  const groups = new Map<string, EnvVariable[]>(['shared', ...sizes.keys()].map((g) => [g, []]));
  for (const variable of catalog) groups.get(primaryGroup(variable, sizes))!.push(variable);
  for (const [group, variables] of groups) {
    if (variables.length === 0) continue;
    out.push('', `## ${GROUP_TITLES[group] ?? `${group} (${group}EnvSchema)`}`);
    for (const v of variables) out.push(...line(v.name, v.description!, facts(v, group), v.default));
  }
  out.push('', '## image build (Dockerfile; source maps are uploaded only when all of these are set)');
  for (const [name, description] of Object.entries(BUILD_DOCS)) {
    out.push(`# ${description}`, `# ${name}=`);
  }
  return out.join('\n') + '\n';
}

/** Names an .env file sets or documents: `NAME=` and `# NAME=` lines. */
export function envFileVariables(text: string): { active: Set<string>; documented: Set<string> } {
  const active = new Set<string>();
  const documented = new Set<string>();
  for (const raw of text.split('\n')) {
    const activeMatch = /^([A-Z][A-Z0-9_]*)=/.exec(raw);
    if (activeMatch) {
      active.add(activeMatch[1]!);
      documented.add(activeMatch[1]!);
      continue;
    }
    const commented = /^#\s*([A-Z][A-Z0-9_]*)=/.exec(raw);
    if (commented) documented.add(commented[1]!);
  }
  return { active, documented };
}
