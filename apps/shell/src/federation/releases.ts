/**
 * Server side: which release of each remote this shell process renders, kept current in the
 * background — never per request.
 *
 * Every POLL_INTERVAL_MS each remote is asked for its release index (`<basePath>/api/release`, on
 * the internal network, bounded by FETCH_TIMEOUT_MS) and the pins are read (Redis, file fallback).
 * The target release is the pin, else the remote's current release. A target that is compatible
 * (same majors of the shared singletons, every module the shell renders exposed) is loaded in full
 * first and only then served; requests never wait for a switch. A remote that does not answer is
 * `down` (its slots render the fallback, since browsers could not load it either), one that is
 * incompatible is `refused` (fallback too, the reason logged once).
 */
import { version as reactDomVersion } from 'react-dom';
import { version as reactVersion } from 'react';
import { authEnvSchema, loadConfig } from '@mfv/config';
import { createRedis, redisFileOptions, type RedisClient } from '@mfv/redis';
import {
  checkCompatibility,
  parseReleaseIndex,
  releaseIndexUrl,
  type ReleaseIndex,
} from '@mfv/remote-versions';
import { PinStore, type Pins } from '@mfv/remote-versions/store';
import { REMOTES, readTopologyEnv, type RemoteName } from '@mfv/topology';
import { env } from '../env';
import { loadRemoteComponent } from './load';
import { exposeOf, modulesOf, type RemoteModuleId } from './modules';

export const POLL_INTERVAL_MS = 1_000;
export const FETCH_TIMEOUT_MS = 800;
/** Loading a new release in the background (entry + every module the shell renders). */
export const SWITCH_TIMEOUT_MS = 10_000;

export interface RemoteReleaseState {
  /** What renders: `ok` (the release below), `down` (no answer) or `refused` (incompatible). */
  status: 'ok' | 'down' | 'refused' | 'starting';
  /** The release served (null: a remote without releases, `next dev`). */
  serving: string | null;
  /** The release the pins and the remote ask for. */
  target: string | null;
  pinned: string | null;
  /** When `serving` started being served (ms epoch). */
  since: number | null;
  reason?: string;
}

const states = new Map<RemoteName, RemoteReleaseState>();
const loggedReasons = new Map<RemoteName, string>();
let started: Promise<void> | null = null;
/** Set once every remote was checked once: from then on a request does no waiting at all. */
export let releaseWatchReady = false;
let pins: Pins = {};
let pinSource = 'none';

function log(level: 'info' | 'warn', msg: string, fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, msg, pid: process.pid, ...fields });
  if (level === 'info') console.info(line);
  else console.warn(line);
}

function stateOf(remote: RemoteName): RemoteReleaseState {
  let state = states.get(remote);
  if (!state) {
    state = { status: 'starting', serving: null, target: null, pinned: null, since: null };
    states.set(remote, state);
  }
  return state;
}

let store: PinStore | undefined;
function pinStore(): PinStore {
  if (!store) {
    let redis: RedisClient | null = null;
    try {
      const redisEnv = loadConfig('auth', authEnvSchema);
      redis = createRedis(redisEnv.REDIS_URL, {
        ...redisFileOptions(redisEnv),
        connectionName: `mfv-shell-releases-${process.pid}`,
        logger: null,
      });
    } catch {
      redis = null;
    }
    store = new PinStore({ redis, file: env.MFV_REMOTE_PINS_FILE });
  }
  return store;
}

async function refreshPins(): Promise<void> {
  try {
    const result = await pinStore().read(REMOTES);
    pins = result.pins;
    pinSource = result.source;
  } catch (error) {
    log('warn', 'remote pins unreadable; keeping the last known', { reason: String(error) });
  }
}

async function fetchIndex(remote: RemoteName): Promise<ReleaseIndex | null> {
  const res = await fetch(releaseIndexUrl(remote, readTopologyEnv()), {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (res.status === 404) {
    await res.body?.cancel();
    return null; // a remote without releases (next dev): its unversioned entry
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`release index: HTTP ${res.status}`);
  }
  return parseReleaseIndex(await res.json());
}

function warnOnce(remote: RemoteName, msg: string, reason: string): void {
  if (loggedReasons.get(remote) === reason) return;
  loggedReasons.set(remote, reason);
  log('warn', msg, { remote, reason });
}

function refuse(remote: RemoteName, state: RemoteReleaseState, reason: string): void {
  state.status = 'refused';
  state.reason = reason;
  warnOnce(remote, 'remote release refused; its slots render the fallback', reason);
}

async function switchTo(remote: RemoteName, release: string | null): Promise<void> {
  const ids = modulesOf(remote);
  await Promise.all(ids.map((id) => loadRemoteComponent(id, release, SWITCH_TIMEOUT_MS)));
}

async function tick(remote: RemoteName): Promise<void> {
  const state = stateOf(remote);
  let index: ReleaseIndex | null;
  try {
    index = await fetchIndex(remote);
  } catch (error) {
    if (state.status !== 'down') {
      log('warn', 'remote unavailable', { remote, reason: String(error).split('\n')[0] });
    }
    state.status = 'down';
    state.reason = 'the remote does not answer';
    return;
  }
  const pinned = pins[remote] ?? null;
  state.pinned = pinned;
  let target: string | null = index?.current ?? null;
  if (index && pinned) {
    if (index.releases.some((r) => r.release === pinned)) target = pinned;
    else
      warnOnce(
        remote,
        'pin ignored',
        `pinned release ${pinned} is not served by ${remote}; serving its current`,
      );
  }
  state.target = target;
  if (index && target) {
    const manifest = index.releases.find((r) => r.release === target)!;
    const compat = checkCompatibility(manifest, {
      singletons: { react: reactVersion, 'react-dom': reactDomVersion },
      exposes: modulesOf(remote).map(exposeOf),
    });
    if (!compat.ok) return refuse(remote, state, compat.reason);
  }
  if (state.status === 'ok' && state.serving === target) return;
  if (state.status === 'refused') loggedReasons.delete(remote);
  try {
    await switchTo(remote, target);
  } catch (error) {
    state.status = 'down';
    state.reason = `release ${target ?? 'unversioned'} did not load`;
    log('warn', 'remote release did not load', {
      remote,
      release: target,
      reason: String(error).split('\n')[0],
    });
    return;
  }
  const previous = state.serving;
  Object.assign(state, { status: 'ok', serving: target, since: Date.now(), reason: undefined });
  if (previous !== target)
    log('info', 'remote release served', { remote, release: target, previous, pinned });
}

function loop(remote: RemoteName): Promise<void> {
  const first = tick(remote);
  const again = (startedAt: number) => {
    const wait = Math.max(0, POLL_INTERVAL_MS - (Date.now() - startedAt));
    setTimeout(() => {
      const at = Date.now();
      void tick(remote)
        .catch((error: unknown) =>
          log('warn', 'remote release check failed', { remote, reason: String(error) }),
        )
        .finally(() => again(at));
    }, wait).unref();
  };
  const at = Date.now();
  void first.catch(() => undefined).finally(() => again(at));
  return first;
}

/** Starts the background checks (once per process); resolves when every remote was checked once. */
export function startReleaseWatch(): Promise<void> {
  if (!started) {
    const pinLoop = () => {
      setTimeout(() => void refreshPins().finally(pinLoop), POLL_INTERVAL_MS).unref();
    };
    started = refreshPins().then(async () => {
      pinLoop();
      await Promise.allSettled(REMOTES.map(loop));
      releaseWatchReady = true;
    });
  }
  return started;
}

/** The release a module renders from on this request, or why its slot renders the fallback. */
export function servingRelease(
  id: RemoteModuleId,
  remote: RemoteName,
): { release: string | null } | 'down' | 'refused' {
  const state = states.get(remote);
  if (state?.status === 'refused') return 'refused';
  if (!state || state.status !== 'ok' || !modulesOf(remote).includes(id)) return 'down';
  return { release: state.serving };
}

/** For the internal status endpoint. */
export function releaseStatus() {
  return {
    pid: process.pid,
    pins: { source: pinSource, ...pins },
    remotes: Object.fromEntries(REMOTES.map((remote) => [remote, { ...stateOf(remote) }])),
  };
}
