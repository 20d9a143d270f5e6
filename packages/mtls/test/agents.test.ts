/**
 * The agents over real TLS: an in-test `https.createServer` on port 0 with `requestCert: true,
 * rejectUnauthorized: true` that trusts only the test client CA. Proves the client presents its
 * certificate (the server reads it back), that a server whose certificate comes from another CA
 * is refused, and that the server really does require a client certificate.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TLSSocket } from 'node:tls';
import { request as undiciRequest, type Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMtlsDispatcher,
  createMtlsHttpsAgent,
  loadMtlsCredentials,
  type MtlsCredentials,
} from '../src/index.js';
import { issue, makeCa, type Issued } from '@mfv/testkit/tls';

let dir: string;
let clientCa: Issued;
let serverCa: Issued;
let rogueCa: Issued;
let credentials: MtlsCredentials;
let server: https.Server;
let rogueServer: https.Server;
let port: number;
let roguePort: number;
const agents: { close(): unknown }[] = [];

function start(serverCert: Issued, trustedClientCa: Issued): Promise<[https.Server, number]> {
  const created = https.createServer(
    {
      cert: serverCert.cert,
      key: serverCert.key,
      ca: trustedClientCa.cert,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          subject: peer.subject?.CN ?? null,
          authorized: (req.socket as TLSSocket).authorized,
        }),
      );
    },
  );
  return new Promise((resolve) =>
    created.listen(0, '127.0.0.1', () => resolve([created, (created.address() as { port: number }).port])),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfv-mtls-agents-'));
  clientCa = makeCa(dir, 'client-ca');
  serverCa = makeCa(dir, 'server-ca');
  rogueCa = makeCa(dir, 'rogue-ca');
  const client = issue(dir, clientCa, 'client', { kind: 'client', days: 390 });
  const serverCert = issue(dir, serverCa, 'server', { kind: 'server', days: 30 });
  const rogueCert = issue(dir, rogueCa, 'rogue', { kind: 'server', days: 30 });
  credentials = await loadMtlsCredentials({
    certFile: client.certPath,
    keyFile: client.keyPath,
    caFile: serverCa.certPath,
    secretsDir: join(dir, 'none'),
  });
  [server, port] = await start(serverCert, clientCa);
  [rogueServer, roguePort] = await start(rogueCert, clientCa);
});

afterAll(async () => {
  for (const agent of agents) await agent.close();
  for (const s of [server, rogueServer]) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  rmSync(dir, { recursive: true, force: true });
});

function dispatcher(): Agent {
  const agent = createMtlsDispatcher(credentials, { connectTimeoutMs: 2_000 });
  agents.push(agent);
  return agent;
}

function httpsGet(
  agent: https.Agent,
  target: number,
): Promise<{ subject: string | null; authorized: boolean }> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port: target, path: '/', agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    req.on('error', reject);
  });
}

describe('undici dispatcher', () => {
  it('presents the client certificate (undici.request)', async () => {
    const res = await undiciRequest(`https://127.0.0.1:${port}/`, { dispatcher: dispatcher() });
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({ subject: 'client', authorized: true });
  });

  it("works as the dispatcher of Node's global fetch", async () => {
    const res = await fetch(`https://127.0.0.1:${port}/`, { dispatcher: dispatcher() } as RequestInit);
    expect(await res.json()).toEqual({ subject: 'client', authorized: true });
  });

  it('refuses a server whose certificate comes from another CA', async () => {
    await expect(
      undiciRequest(`https://127.0.0.1:${roguePort}/`, { dispatcher: dispatcher() }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/) });
  });
});

describe('https.Agent (axios users)', () => {
  it('presents the client certificate', async () => {
    const agent = createMtlsHttpsAgent(credentials);
    agents.push({ close: () => agent.destroy() });
    await expect(httpsGet(agent, port)).resolves.toEqual({ subject: 'client', authorized: true });
  });

  it('refuses a server whose certificate comes from another CA', async () => {
    const agent = createMtlsHttpsAgent(credentials);
    agents.push({ close: () => agent.destroy() });
    await expect(httpsGet(agent, roguePort)).rejects.toMatchObject({
      code: expect.stringMatching(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/),
    });
  });
});

describe('the test server', () => {
  it('really requires a client certificate (control: no certificate is refused)', async () => {
    const agent = new https.Agent({ ca: serverCa.cert, keepAlive: false });
    agents.push({ close: () => agent.destroy() });
    const outcome = httpsGet(agent, port).then(
      () => 'answered',
      () => 'refused',
    );
    expect(await outcome).toBe('refused');
  });

  it('is reachable with a plain request once the handshake is right', async () => {
    const agent = createMtlsHttpsAgent(credentials);
    agents.push({ close: () => agent.destroy() });
    const req = https.request({ host: '127.0.0.1', port, path: '/', agent });
    req.end();
    const [res] = (await once(req, 'response')) as [IncomingMessage];
    expect(res.statusCode).toBe(200);
    res.resume();
  });
});
