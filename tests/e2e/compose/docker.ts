import { execFile, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * How to drive compose on this machine. `docker compose` (v2) where the plugin exists, else
 * Debian's docker-compose 1.29. The images need BuildKit (RUN --mount in the Dockerfile); 1.29
 * gets it through `COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1` and a docker CLI that can do
 * BuildKit: one with the buildx plugin, or Docker 20.10's own (Debian's docker.io). A newer CLI
 * without buildx earlier on PATH cannot, so that CLI's folder goes first.
 */
export interface Compose {
  readonly kind: 'v2' | 'v1';
  readonly command: string;
  readonly baseArgs: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly docker: string;
}

async function ok(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string | null> {
  try {
    const { stdout } = await run(command, args, { env, timeout: 120_000 });
    return stdout.trim();
  } catch {
    return null;
  }
}

function dockerBinaries(): string[] {
  const found: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'docker');
    try {
      accessSync(candidate, constants.X_OK);
      if (!found.includes(candidate)) found.push(candidate);
    } catch {
      // not here
    }
  }
  return found;
}

/** A docker CLI that can build with BuildKit: buildx, or a 20.x client (built-in BuildKit). */
async function buildkitDocker(): Promise<string | null> {
  for (const docker of dockerBinaries()) {
    if ((await ok(docker, ['buildx', 'version'])) !== null) return docker;
    const version = await ok(docker, ['version', '--format', '{{.Client.Version}}']);
    if (version !== null && Number(version.split('.')[0]) < 23) return docker;
  }
  return null;
}

export async function detectCompose(files: readonly string[], project: string): Promise<Compose> {
  const fileArgs = files.flatMap((f) => ['-f', f]);
  const docker = await buildkitDocker();
  if (docker === null) {
    throw new Error(
      'no docker CLI here can build with BuildKit: install the buildx plugin, or Debian’s docker.io (Docker 20.10)',
    );
  }
  if ((await ok(docker, ['compose', 'version'])) !== null) {
    return {
      kind: 'v2',
      command: docker,
      baseArgs: ['compose', '-p', project, ...fileArgs],
      env: process.env,
      docker,
    };
  }
  if ((await ok('docker-compose', ['version', '--short'])) === null) {
    throw new Error(
      'neither `docker compose` nor docker-compose is installed (Debian: apt-get install -y docker-compose)',
    );
  }
  return {
    kind: 'v1',
    command: 'docker-compose',
    baseArgs: ['-p', project, ...fileArgs],
    env: {
      ...process.env,
      PATH: `${path.dirname(docker)}${path.delimiter}${process.env.PATH ?? ''}`,
      COMPOSE_DOCKER_CLI_BUILD: '1',
      DOCKER_BUILDKIT: '1',
    },
    docker,
  };
}

/** Runs compose; output to `log` (a callback per line), rejects with the tail on failure. */
export function compose(
  c: Compose,
  args: readonly string[],
  options: { env?: Readonly<Record<string, string | undefined>>; log?: (line: string) => void; cwd: string },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(c.command, [...c.baseArgs, ...args], {
      cwd: options.cwd,
      env: { ...c.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      out += text;
      if (out.length > 200_000) out = out.slice(-100_000);
      if (options.log) for (const line of text.split('\n')) if (line.trim()) options.log(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${c.command} ${args.join(' ')} exited ${code}:\n${out.slice(-3000)}`));
    });
  });
}

/** `docker …` with the CLI compose uses; stdout trimmed. */
export async function docker(c: Compose, args: readonly string[]): Promise<string> {
  const { stdout } = await run(c.docker, [...args], { env: c.env, timeout: 120_000, maxBuffer: 10_000_000 });
  return stdout.trim();
}

export interface ContainerState {
  id: string;
  service: string;
  status: string;
  health: string;
  exitCode: number;
}

/** Every container of the project (running or not), with its compose service name. */
export async function containers(c: Compose, project: string): Promise<ContainerState[]> {
  const ids = (await docker(c, ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`]))
    .split('\n')
    .filter(Boolean);
  if (ids.length === 0) return [];
  // JSON, not a template: Docker 20.10's templates fail on a missing State.Health.
  const inspected = JSON.parse(await docker(c, ['inspect', ...ids])) as {
    Id: string;
    Config: { Labels: Record<string, string> };
    State: { Status: string; ExitCode: number; Health?: { Status: string } };
  }[];
  return inspected.map((i) => ({
    id: i.Id,
    service: i.Config.Labels['com.docker.compose.service'] ?? '',
    status: i.State.Status,
    health: i.State.Health?.Status ?? '',
    exitCode: i.State.ExitCode,
  }));
}
