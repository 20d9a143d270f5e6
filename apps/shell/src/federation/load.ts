import type { ComponentType } from 'react';
import { isRemoteHealthy } from './health';
import { remoteModules, remoteOf, type RemoteModuleId, type RemoteStatusMap } from './modules';

/** Server renders never wait longer than this for a remote (the page must answer in < 2 s). */
export const SERVER_LOAD_DEADLINE_MS = 1200;

type AnyComponent = ComponentType<Record<string, unknown>>;

/** Components loaded by this process, by module id. Refreshed on every successful load. */
const loaded = new Map<RemoteModuleId, AnyComponent>();

export function loadedComponent(id: RemoteModuleId): AnyComponent | undefined {
  return loaded.get(id);
}

/** After the server's federation state was reloaded (a redeployed remote), load everything afresh. */
export function forgetLoadedComponents(): void {
  loaded.clear();
}

function withDeadline<T>(promise: Promise<T>, ms: number, id: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${id} did not load within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Loads one module; resolves to its component or rejects (unavailable, too slow, bad export). */
export async function loadRemoteComponent(id: RemoteModuleId, deadlineMs?: number): Promise<AnyComponent> {
  const pending: Promise<{ default?: unknown }> = remoteModules[id]();
  const mod = await (deadlineMs ? withDeadline(pending, deadlineMs, id) : pending);
  const component = mod.default;
  if (typeof component !== 'function' && typeof component !== 'object') {
    throw new Error(`${id} has no default export component`);
  }
  loaded.set(id, component as AnyComponent);
  return component as AnyComponent;
}

/**
 * Server side, before rendering: loads every module the page needs, in parallel and within
 * one deadline, and reports which are up. The page passes the map to its slots as props, so
 * the browser hydrates exactly what the server rendered (component or fallback).
 */
export async function probeRemotes(
  ids: readonly RemoteModuleId[],
  deadlineMs = SERVER_LOAD_DEADLINE_MS,
): Promise<RemoteStatusMap> {
  const results = await Promise.allSettled(
    ids.map(async (id) => {
      // Fast path: this process already holds the component; only the remote's health can change.
      const cached = loaded.get(id);
      const [component, healthy] = await Promise.all([
        cached ?? loadRemoteComponent(id, deadlineMs),
        isRemoteHealthy(remoteOf(id)),
      ]);
      if (!healthy) throw new Error(`${remoteOf(id)} does not serve its client entry`);
      return component;
    }),
  );
  const status: RemoteStatusMap = {};
  results.forEach((result, i) => {
    const id = ids[i] as RemoteModuleId;
    status[id] = result.status === 'fulfilled' ? 'ok' : 'down';
    if (result.status === 'rejected') {
      // One line, no stack: a remote being down is an operational state, not a crash.
      const reason = (result.reason instanceof Error ? result.reason.message : String(result.reason)).split(
        '\n',
      )[0];
      console.warn(JSON.stringify({ level: 'warn', msg: 'remote unavailable', module: id, reason }));
    }
  });
  return status;
}
