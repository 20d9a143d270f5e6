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
const CONTENTS = {
  serviceId: 'interop-service',
  clientPrivateKey: client.privateKey,
  serverPublicKey: server.publicKey,
};

describe('mobile-ok key file: sandbox writer ↔ client reader, client writer ↔ sandbox reader', () => {
  it.each([
    ['the sandbox seals', 'the client', sealDevKeyFile, openMokKeyFile, Error],
    ['the client writes', 'the sandbox', encodeMokKeyFile, openDevKeyFile, MokDevKeyError],
  ] as const)('a file %s opens in %s with the same service id and keys', (_, __, write, open, refusal) => {
    const bytes = write(CONTENTS, PASSWORD);
    const info = open(bytes, PASSWORD);
    expect(info.serviceId).toBe('interop-service');
    expect(spki(info.clientPrivateKey)).toBe(spki(client.publicKey));
    expect(spki(info.serverPublicKey)).toBe(spki(server.publicKey));
    expect(() => open(bytes, 'another password')).toThrow(refusal);
  });

  it('both writers produce the same bytes for the same contents (the format is deterministic)', () => {
    expect(sealDevKeyFile(CONTENTS, PASSWORD).equals(encodeMokKeyFile(CONTENTS, PASSWORD))).toBe(true);
  });
});
