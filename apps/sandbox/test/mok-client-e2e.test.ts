/**
 * The one end-to-end test: the real client package (`@mfv/verification/mobile-ok`) against the
 * emulator over HTTP, with the key file the sandbox generated. This is what the sandbox is for;
 * every other mobile-ok test drives the wire with an independent helper (mok-helpers.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as mok from '@mfv/verification/mobile-ok';
import { afterEach, describe, expect, it } from 'vitest';
import { MOK_PREFIX } from '../src/providers/mobile-ok/index.js';
import { MOK_MINOR, MOK_TAMPERED_RESULT } from '../src/providers/mobile-ok/personas.js';
import { startSandbox } from './helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('the mobile-ok client against the emulator', () => {
  it('SMS adult check end to end: key file, v2 token, wrong code, re-send, confirm, result checks; a tampered result is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mok-e2e-'));
    dirs.push(dir);
    const password = 'e2e-keyfile-password';
    const sandbox = await startSandbox({
      mobileOk: {
        serviceId: 'e2e-service',
        siteUrls: ['www.mfv.test'],
        arsCodes: ['ARS-E2E-0001'],
        keys: { dir: join(dir, 'mok'), password },
      },
    });
    const keyFile = sandbox.app.sandbox.mobileOk?.keys?.keyFile;
    expect(keyFile).toBeDefined();
    const keyInfo = await mok.loadMokKeyFile(String(keyFile), password);
    expect(keyInfo.serviceId).toBe('e2e-service');
    const client = mok.createMokClient({
      environment: 'sandbox',
      sandboxBaseUrl: `${sandbox.url}${MOK_PREFIX}`,
      siteUrl: 'www.mfv.test',
      keyInfo,
      tokenRequestVersion: 'v2',
    });
    try {
      const verify = async (persona: typeof MOK_MINOR | typeof MOK_TAMPERED_RESULT) => {
        const clientTxId = mok.generateMokClientTxId('MFV');
        const token = await mok.processMokTokenResponse(await mok.requestMokToken(client, { clientTxId }));
        const auth = await mok.processMokAuthResponse(
          await mok.requestMokAuth(client, {
            encryptMOKToken: token.encryptMOKToken,
            publicKey: token.publicKey,
            authInfo: {
              serviceType: 'telcoAuth',
              reqAuthType: 'SMS',
              providerId: persona.carrier,
              usageCode: '01026',
              userName: persona.name,
              userPhone: persona.phone,
              userBirthday: persona.birthday,
              userGender: persona.gender,
              userNation: persona.nation,
              sendMsg: '본인확인 인증번호[000000]를 화면에 입력해주세요.',
            },
          }),
        );
        expect(auth.resendCount).toBe(3);
        const confirm = (encryptMOKToken: string, authNumber: string) =>
          mok.requestMokConfirm(client, {
            encryptMOKToken,
            publicKey: token.publicKey,
            serviceType: 'telcoAuth',
            reqAuthType: 'SMS',
            authNumber,
          });
        const wrong = await mok.processMokConfirmResponse(await confirm(auth.encryptMOKToken, '000000')).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(wrong).toBeInstanceOf(mok.MokResultError);
        const failure = wrong as InstanceType<typeof mok.MokResultError>;
        expect(failure.resultCode).toBe('2910');
        expect(failure.retryCount).toBe(2);
        expect(failure.customerMessage).toBe(failure.resultMsg);
        const resent = await mok.processMokResendResponse(
          await mok.requestMokResend(client, { encryptMOKToken: String(failure.encryptMOKToken) }),
        );
        expect(resent.resendCount).toBe(2);
        const confirmed = await mok.processMokConfirmResponse(
          await confirm(resent.encryptMOKToken, persona.otp),
        );
        return { clientTxId, confirmed };
      };

      const minor = await verify(MOK_MINOR);
      const { result, verification } = mok.openMokResult(minor.confirmed.encryptMOKResult, {
        clientPrivateKey: keyInfo.clientPrivateKey,
        expectedClientTxId: minor.clientTxId,
        expectedServiceType: 'telcoAuth',
        now: new Date(),
      });
      expect(result.clientTxId).toBe(minor.clientTxId);
      expect(verification).toMatchObject({
        provider: 'mobile-ok',
        serviceType: 'telcoAuth',
        name: MOK_MINOR.name,
        birthday: MOK_MINOR.birthday,
        gender: 'female',
        nation: 'domestic',
        phone: MOK_MINOR.phone,
        isAdult: false,
      });
      expect(verification.ci).toHaveLength(88);
      expect(verification.di).toHaveLength(64);

      const tampered = await verify(MOK_TAMPERED_RESULT);
      expect(() =>
        mok.openMokResult(tampered.confirmed.encryptMOKResult, {
          clientPrivateKey: keyInfo.clientPrivateKey,
          expectedClientTxId: tampered.clientTxId,
          now: new Date(),
        }),
      ).toThrow(expect.objectContaining({ code: 'MOK_INTEGRITY_CHECK_FAILED' }));
    } finally {
      client.close();
    }
  });
});
