import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GeneratorError, newRemote } from './new-remote.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const [name, ...rest] = process.argv.slice(2);
const flag = (key: string) => {
  const i = rest.indexOf(key);
  return i >= 0 ? rest[i + 1] : undefined;
};

if (!name || !flag('--port')) {
  process.stderr.write('usage: pnpm new:remote <name> --port <port> [--expose ComponentName]\n');
  process.exit(2);
}

try {
  const { moduleId } = newRemote({ root, name, port: Number(flag('--port')), expose: flag('--expose') });
  process.stdout.write(
    [
      `Created apps/${name} (basePath /${name}, port ${flag('--port')}) and registered it in the topology.`,
      'Next steps:',
      '  pnpm install',
      `  render it in a shell page: <RemoteSlot id="${moduleId}" status={remoteStatus['${moduleId}']} … />`,
      `  and list '${moduleId}' in that page's withRemoteSlots([...]).`,
      '  pnpm start   # the proxy and nginx config route /' + name + ' automatically',
      '',
    ].join('\n'),
  );
} catch (error) {
  if (error instanceof GeneratorError) {
    process.stderr.write(`✗ ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
