import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Env } from './env.js';

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Env;
  /** URL answering 200 once the service is ready … */
  readyUrl?: string;
  /** … or a check of its own (e.g. a Redis PING). */
  readyCheck?: () => Promise<boolean>;
  readyTimeoutMs?: number;
}

export interface ServiceOutput {
  /** Where to copy the child's output: the terminal with a name prefix, or a log file. */
  kind: 'prefix' | 'file' | 'silent';
  file?: string;
}

const COLORS = [36, 35, 33, 32, 34, 31];

/** A child process of the site: started in its own process group, stopped with its children. */
export class Service {
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly spec: ServiceSpec,
    private readonly output: ServiceOutput,
    private readonly colorIndex = 0,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const { command, args, cwd, env } = this.spec;
    const child = spawn(command, args, {
      cwd,
      env: env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = once(child, 'exit').then(() => undefined);
    this.pipe(child);
    await this.waitReady();
  }

  /** SIGTERM to the whole process group, SIGKILL after the grace period. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running || child.pid === undefined) return;
    const pid = child.pid;
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    // Next.js may leave workers in the group after the parent exits.
    signalGroup(pid, 'SIGKILL');
    this.log?.end();
    this.log = null;
  }

  /** Freeze / thaw the process group (a remote that accepts connections but never answers). */
  pause(): void {
    if (this.child?.pid) signalGroup(this.child.pid, 'SIGSTOP');
  }

  resume(): void {
    if (this.child?.pid) signalGroup(this.child.pid, 'SIGCONT');
  }

  private pipe(child: ChildProcess) {
    const { kind, file } = this.output;
    if (kind === 'file' && file) {
      this.log = createWriteStream(file, { flags: 'a' });
      child.stdout?.pipe(this.log, { end: false });
      child.stderr?.pipe(this.log, { end: false });
      return;
    }
    if (kind === 'silent') {
      child.stdout?.resume();
      child.stderr?.resume();
      return;
    }
    const color = COLORS[this.colorIndex % COLORS.length];
    const prefix = `\x1b[${color}m${this.spec.name.padEnd(7)}\x1b[0m│ `;
    for (const stream of [child.stdout, child.stderr]) {
      let buffer = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) process.stdout.write(prefix + line + '\n');
      });
    }
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + (this.spec.readyTimeoutMs ?? 60_000);
    while (Date.now() < deadline) {
      if (!this.running) {
        const how = this.child?.signalCode
          ? `signal ${this.child.signalCode}`
          : `exit code ${this.child?.exitCode}`;
        throw new Error(`${this.spec.name} exited before it was ready (${how})`);
      }
      if (await this.isReady()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(
      `${this.spec.name} was not ready at ${this.spec.readyUrl ?? 'its check'} within ${this.spec.readyTimeoutMs ?? 60_000} ms`,
    );
  }

  private async isReady(): Promise<boolean> {
    if (this.spec.readyCheck) return this.spec.readyCheck();
    if (!this.spec.readyUrl) return true;
    try {
      const res = await fetch(this.spec.readyUrl, { signal: AbortSignal.timeout(2000) });
      return res.ok;
    } catch {
      return false; // not listening yet
    }
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
