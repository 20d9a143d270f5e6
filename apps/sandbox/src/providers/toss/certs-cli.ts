import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TOSS_MTLS_DIR, createCa, ensureDevCerts, issueClientCert } from './certs.js';

const USAGE = `pnpm --filter @mfv/sandbox mtls:dev-certs [options]

  (no option)               make the dev CA, server and client certificates unless present
  --force                   remake them
  --dir <absolute path>     folder (default <repo>/.sandbox-dev/toss-mtls)
  --client <name>           also issue <dir>/<name>.crt|.key, a client certificate signed by the dev CA
  --days <N>                its validity in days (default 390; 0 = already expired)
  --foreign-client <name>   also issue <dir>/<name>.crt|.key signed by a separate CA
                            (<dir>/<name>-ca.crt|.key), which the listener refuses
`;

/** CLI: `pnpm --filter @mfv/sandbox mtls:dev-certs` (see USAGE). Prints what it wrote. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      force: { type: 'boolean', default: false },
      dir: { type: 'string' },
      client: { type: 'string' },
      days: { type: 'string' },
      'foreign-client': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const dir = values.dir ?? DEFAULT_TOSS_MTLS_DIR;
  if (!path.isAbsolute(dir)) throw new Error('--dir must be an absolute path');
  const name = /^[A-Za-z0-9_-]{1,64}$/;
  const { created, paths } = await ensureDevCerts(dir, { force: values.force });
  process.stdout.write(`${created ? 'created' : 'kept'} dev CA, server and client certificates in ${dir}\n`);
  if (values.client !== undefined) {
    if (!name.test(values.client) || ['ca', 'server', 'client'].includes(values.client)) {
      throw new Error('--client: a file name other than ca, server, client');
    }
    const days = values.days === undefined ? 390 : Number(values.days);
    const out = { cert: path.join(dir, `${values.client}.crt`), key: path.join(dir, `${values.client}.key`) };
    await issueClientCert({ ca: paths.ca, out, days, commonName: values.client });
    process.stdout.write(`issued ${out.cert} (${days} days, dev CA)\n`);
  }
  const foreign = values['foreign-client'];
  if (foreign !== undefined) {
    if (!name.test(foreign) || ['ca', 'server', 'client'].includes(foreign)) {
      throw new Error('--foreign-client: a file name other than ca, server, client');
    }
    const ca = await createCa(
      { cert: path.join(dir, `${foreign}-ca.crt`), key: path.join(dir, `${foreign}-ca.key`) },
      `${foreign} foreign CA`,
    );
    const out = { cert: path.join(dir, `${foreign}.crt`), key: path.join(dir, `${foreign}.key`) };
    await issueClientCert({ ca, out, days: 390, commonName: foreign });
    process.stdout.write(`issued ${out.cert} (signed by ${ca.cert}, not the dev CA)\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  process.exitCode = 1;
});
