/**
 * The sandbox writes the integrator's `mok_keyInfo.dat` with its own code (keys.ts
 * `sealDevKeyFile`), the client reads it with its own (`@mfv/verification/mobile-ok`
 * `openMokKeyFile`). Two implementations of the public ports' format must agree in both
 * directions; a mistake on one side alone shows up here.
 */
import { generateKeyPairSync, createPublicKey, type KeyObject } from 'node:crypto';
import { encodeMokKeyFile } from '@mfv/verification/mobile-ok/keyfile-writer';
import { openMokKeyFile } from '@mfv/verification/mobile-ok';
import { describe, expect, it } from 'vitest';
import { MokDevKeyError, openDevKeyFile, sealDevKeyFile } from '../src/providers/mobile-ok/keys.js';

const spki = (key: KeyObject) =>
  (key.type === 'public' ? key : createPublicKey(key))
    .export({ format: 'der', type: 'spki' })
    .toString('base64');

const client = generateKeyPairSync('rsa', { modulusLength: 2048 });
const server = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PASSWORD = '비밀번호 with ünïcode';

describe('mobile-ok key file: sandbox writer ↔ client reader, client writer ↔ sandbox reader', () => {
  it('a file the sandbox seals opens in the client with the same service id and keys', () => {
    const bytes = sealDevKeyFile(
      {
        serviceId: 'interop-service',
        clientPrivateKey: client.privateKey,
        serverPublicKey: server.publicKey,
      },
      PASSWORD,
    );
    const info = openMokKeyFile(bytes, PASSWORD);
    expect(info.serviceId).toBe('interop-service');
    expect(spki(info.clientPrivateKey)).toBe(spki(client.publicKey));
    expect(spki(info.serverPublicKey)).toBe(spki(server.publicKey));
    expect(() => openMokKeyFile(bytes, 'another password')).toThrow();
  });

  it('a file the client writes opens in the sandbox with the same service id and keys', () => {
    const bytes = encodeMokKeyFile(
      {
        serviceId: 'interop-service',
        clientPrivateKey: client.privateKey,
        serverPublicKey: server.publicKey,
      },
      PASSWORD,
    );
    const file = openDevKeyFile(bytes, PASSWORD);
    expect(file.serviceId).toBe('interop-service');
    expect(spki(file.clientPrivateKey)).toBe(spki(client.publicKey));
    expect(spki(file.serverPublicKey)).toBe(spki(server.publicKey));
    expect(() => openDevKeyFile(bytes, 'another password')).toThrow(MokDevKeyError);
  });

  it('both writers produce the same bytes for the same contents (the format is deterministic)', () => {
    const contents = {
      serviceId: 'interop-service',
      clientPrivateKey: client.privateKey,
      serverPublicKey: server.publicKey,
    };
    expect(sealDevKeyFile(contents, PASSWORD).equals(encodeMokKeyFile(contents, PASSWORD))).toBe(true);
  });
});
