// Provides the Module Federation runtime to a remote's *own* pages (e.g. /user/login).
// Remotes are built with `externalRuntime` so the shell's copy serves every remote on shell
// pages; on a remote's standalone page nobody else provides it, so this script does, before
// Next's own scripts run.
/* global __MF_VERSION__ -- replaced at bundle time (scripts/build-runtime.mjs) */
import * as core from '@module-federation/runtime-core';

const globalRef = core.Global && typeof core.Global === 'object' ? core.Global : globalThis;
if (!globalRef._FEDERATION_RUNTIME_CORE) {
  globalRef._FEDERATION_RUNTIME_CORE = core;
  globalRef._FEDERATION_RUNTIME_CORE_FROM = { name: 'mfv-standalone', version: __MF_VERSION__ };
}
