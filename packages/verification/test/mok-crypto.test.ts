import { createCipheriv, createHash, publicEncrypt, constants, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decryptMokResult,
  encryptReqClientInfo,
  formatMokRequestTime,
  mokServerEncrypt,
  parseMokPublicKey,
} from '../src/mobile-ok/crypto.js';
import { MokCryptoError, MokProtocolError } from '../src/mobile-ok/errors.js';
import {
  flipBase64Byte,
  independentOpen,
  independentSeal,
  oaepDecrypt,
  rsaPair,
  spkiBase64,
  type RsaPair,
} from './helpers.js';

let server: RsaPair; // mobile-ok's pair (ServerPublicKey / per-transaction publicKey)
let client: RsaPair; // the integrator's pair (ClientPrivateKey)
let other: RsaPair;

beforeAll(() => {
  server = rsaPair();
  client = rsaPair();
  other = rsaPair();
});

function cryptoCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MokCryptoError);
    return (error as MokCryptoError).code;
  }
  throw new Error('expected a MokCryptoError');
}

describe('formatMokRequestTime', () => {
  it('formats yyyyMMddHHmmss in Korean time (UTC+9)', () => {
    expect(formatMokRequestTime(new Date('2022-12-11T16:01:01Z'))).toBe('20221212010101');
    expect(formatMokRequestTime(new Date('2024-02-28T15:00:00.999Z'))).toBe('20240229000000');
  });
});

describe('encryptReqClientInfo', () => {
  const at = new Date('2022-12-11T16:01:01Z');
  it('v1 (default): RSA-OAEP-SHA-256 of "clientTxId|yyyyMMddHHmmss" to the ServerPublicKey', () => {
    const enc = encryptReqClientInfo({
      clientTxId: 'DS20220629133555456594',
      requestTime: at,
      serverPublicKey: server.publicKey,
    });
    expect(oaepDecrypt(server.privateKey, enc)).toBe('DS20220629133555456594|20221212010101');
  });
  it('v2: RSA-OAEP-SHA-256 of the V2 JSON', () => {
    const enc = encryptReqClientInfo({
      clientTxId: 'MOKabc1234567890abcdef',
      requestTime: at,
      serverPublicKey: server.publicKey,
      version: 'v2',
    });
    expect(JSON.parse(oaepDecrypt(server.privateKey, enc))).toEqual({
      version: 'V2',
      clientTxId: 'MOKabc1234567890abcdef',
      requestTime: '20221212010101',
    });
  });
  it('cannot be opened with another key', () => {
    const enc = encryptReqClientInfo({
      clientTxId: 'MOKabc1234567890abcdef',
      requestTime: at,
      serverPublicKey: server.publicKey,
    });
    expect(() => oaepDecrypt(other.privateKey, enc)).toThrow();
  });
});

describe('mokServerEncrypt (encryptMOKAuthInfo / encryptMOKVerifyInfo)', () => {
  it('round-trips through an independent decryption with the matching private key', () => {
    const plain = JSON.stringify({ authNumber: '123456', userName: '홍길동' });
    const envelope = mokServerEncrypt(plain, spkiBase64(server.publicKey));
    const opened = independentOpen(envelope, server.privateKey);
    expect(opened.plain).toBe(plain);
    expect(opened.keyIvLength).toBe(48);
  });
  it('accepts the publicKey as a KeyObject too, and uses a fresh key and IV each time', () => {
    const a = mokServerEncrypt('same', server.publicKey);
    const b = mokServerEncrypt('same', server.publicKey);
    expect(a).not.toBe(b);
    expect(a.split('|')[1]).not.toBe(b.split('|')[1]);
    expect(independentOpen(b, server.privateKey).plain).toBe('same');
  });
  it('is not readable with another private key', () => {
    const envelope = mokServerEncrypt('secret', server.publicKey);
    expect(() => independentOpen(envelope, other.privateKey)).toThrow();
  });
  it('refuses a publicKey that is not a base64 RSA SubjectPublicKeyInfo', () => {
    expect(() => mokServerEncrypt('x', 'not a key')).toThrow(MokProtocolError);
    expect(() => mokServerEncrypt('x', Buffer.from('garbage').toString('base64'))).toThrow(MokProtocolError);
  });
});

describe('parseMokPublicKey', () => {
  it('parses base64 SPKI DER, also with line breaks as in a PEM body', () => {
    const b64 = spkiBase64(server.publicKey);
    expect(parseMokPublicKey(b64).asymmetricKeyType).toBe('rsa');
    expect(parseMokPublicKey(b64.replace(/(.{64})/g, '$1\n')).asymmetricKeyType).toBe('rsa');
  });
  it('rejects garbage, PEM armour and non-RSA keys with MOK_INVALID_PUBLIC_KEY', () => {
    const pem = server.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    for (const bad of ['', 'abc', pem, '!!!!']) {
      expect(() => parseMokPublicKey(bad)).toThrow(
        expect.objectContaining({ code: 'MOK_INVALID_PUBLIC_KEY' }),
      );
    }
  });
});

describe('decryptMokResult (encryptMOKResult)', () => {
  const plain = JSON.stringify({ clientTxId: 'MOK123', userName: '홍길동' });

  it('opens a result sealed independently to the client key', () => {
    expect(decryptMokResult(independentSeal(plain, client.publicKey), client.privateKey)).toBe(plain);
  });

  it('wrong private key → MOK_RSA_DECRYPT_FAILED', () => {
    expect(
      cryptoCode(() => decryptMokResult(independentSeal(plain, client.publicKey), other.privateKey)),
    ).toBe('MOK_RSA_DECRYPT_FAILED');
  });

  it('a flipped byte in first → MOK_RSA_DECRYPT_FAILED', () => {
    const [first, second] = independentSeal(plain, client.publicKey).split('|') as [string, string];
    for (const index of [0, 100, -1]) {
      expect(
        cryptoCode(() => decryptMokResult(`${flipBase64Byte(first, index)}|${second}`, client.privateKey)),
      ).toBe('MOK_RSA_DECRYPT_FAILED');
    }
  });

  it('a flipped byte in second → rejected (bad padding or integrity failure)', () => {
    const [first, second] = independentSeal(plain, client.publicKey).split('|') as [string, string];
    for (const index of [0, 5, 16, -1, -17]) {
      const code = cryptoCode(() =>
        decryptMokResult(`${first}|${flipBase64Byte(second, index)}`, client.privateKey),
      );
      expect(['MOK_AES_DECRYPT_FAILED', 'MOK_INTEGRITY_CHECK_FAILED']).toContain(code);
    }
    // Flipping in the first block (not the last) leaves the padding intact: only the hash catches it.
    expect(
      cryptoCode(() => decryptMokResult(`${first}|${flipBase64Byte(second, 0)}`, client.privateKey)),
    ).toBe('MOK_INTEGRITY_CHECK_FAILED');
  });

  it('a wrong hash field → MOK_INTEGRITY_CHECK_FAILED', () => {
    const realHash = createHash('sha256').update(plain).digest('base64');
    const otherHash = createHash('sha256').update(`${plain} `).digest('base64');
    expect(
      cryptoCode(() =>
        decryptMokResult(independentSeal(plain, client.publicKey, { hash: otherHash }), client.privateKey),
      ),
    ).toBe('MOK_INTEGRITY_CHECK_FAILED');
    expect(
      cryptoCode(() =>
        decryptMokResult(
          independentSeal(plain, client.publicKey, { hash: flipBase64Byte(realHash, 3) }),
          client.privateKey,
        ),
      ),
    ).toBe('MOK_INTEGRITY_CHECK_FAILED');
    // The hash is compared as base64 text: hex of the right digest is not accepted.
    const hexHash = createHash('sha256').update(plain).digest('hex');
    expect(
      cryptoCode(() =>
        decryptMokResult(independentSeal(plain, client.publicKey, { hash: hexHash }), client.privateKey),
      ),
    ).toBe('MOK_BAD_SESSION_KEY');
  });

  it('a result sealed with the hash of other data → MOK_INTEGRITY_CHECK_FAILED even though it decrypts', () => {
    // Swap second parts between two valid envelopes with different plaintexts of the same length.
    const a = independentSeal('{"a":1}', client.publicKey);
    const key = randomBytes(32);
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    const second = Buffer.concat([cipher.update('{"a":2}'), cipher.final()]).toString('base64');
    const header = `${Buffer.concat([key, iv]).toString('base64')}|${createHash('sha256').update('{"a":1}').digest('base64')}`;
    const first = publicEncrypt(
      { key: client.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from(header),
    ).toString('base64');
    expect(decryptMokResult(a, client.privateKey)).toBe('{"a":1}');
    expect(cryptoCode(() => decryptMokResult(`${first}|${second}`, client.privateKey))).toBe(
      'MOK_INTEGRITY_CHECK_FAILED',
    );
  });

  it('key ‖ iv other than 48 bytes → MOK_BAD_SESSION_KEY', () => {
    for (const keyIvBytes of [32, 47]) {
      expect(
        cryptoCode(() =>
          decryptMokResult(independentSeal(plain, client.publicKey, { keyIvBytes }), client.privateKey),
        ),
      ).toBe('MOK_BAD_SESSION_KEY');
    }
    expect(
      cryptoCode(() =>
        decryptMokResult(
          independentSeal(plain, client.publicKey, { header: 'no separator here' }),
          client.privateKey,
        ),
      ),
    ).toBe('MOK_BAD_SESSION_KEY');
  });

  it('truncation and malformed envelopes → MOK_MALFORMED_ENVELOPE', () => {
    const envelope = independentSeal(plain, client.publicKey);
    const [first, second] = envelope.split('|') as [string, string];
    const truncatedSecond = Buffer.from(second, 'base64').subarray(0, 20).toString('base64');
    expect(cryptoCode(() => decryptMokResult(`${first}|${truncatedSecond}`, client.privateKey))).toBe(
      'MOK_MALFORMED_ENVELOPE',
    );
    expect(cryptoCode(() => decryptMokResult(first, client.privateKey))).toBe('MOK_MALFORMED_ENVELOPE');
    expect(cryptoCode(() => decryptMokResult(`${first}|${second}|x`, client.privateKey))).toBe(
      'MOK_MALFORMED_ENVELOPE',
    );
    expect(cryptoCode(() => decryptMokResult(`${first}|`, client.privateKey))).toBe('MOK_MALFORMED_ENVELOPE');
    expect(cryptoCode(() => decryptMokResult(`${first}|${second.slice(0, -4)}*==`, client.privateKey))).toBe(
      'MOK_MALFORMED_ENVELOPE',
    );
    expect(cryptoCode(() => decryptMokResult('', client.privateKey))).toBe('MOK_MALFORMED_ENVELOPE');
  });

  it('a truncated first → MOK_RSA_DECRYPT_FAILED', () => {
    const [first, second] = independentSeal(plain, client.publicKey).split('|') as [string, string];
    const short = Buffer.from(first, 'base64').subarray(0, 128).toString('base64');
    expect(cryptoCode(() => decryptMokResult(`${short}|${second}`, client.privateKey))).toBe(
      'MOK_RSA_DECRYPT_FAILED',
    );
  });

  it('errors carry no key, plaintext or ciphertext', () => {
    const envelope = independentSeal(plain, client.publicKey, { hash: 'AAAA' });
    try {
      decryptMokResult(envelope, client.privateKey);
    } catch (error) {
      const text = `${(error as Error).message} ${JSON.stringify((error as Error).cause)}`;
      expect(text).not.toContain('홍길동');
      expect(text).not.toContain(envelope.slice(0, 30));
      return;
    }
    throw new Error('expected failure');
  });
});
