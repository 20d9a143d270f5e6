import type { MokPersona } from '@mfv/sandbox/mok-personas';
import { expect } from 'vitest';
import type { MokForm, MokServiceId } from '../../src/providers/mobile-ok/rules';
import type { Answer, TestBrowser } from './browser';

/** The form as a person fills it in for `persona` (phone and birthday typed with dashes, as people do). */
export function formFor(persona: MokPersona, overrides: Partial<MokForm> = {}): MokForm {
  return {
    carrier: persona.carrier,
    name: persona.name,
    phone: `${persona.phone.slice(0, 3)}-${persona.phone.slice(3, 7)}-${persona.phone.slice(7)}`,
    birthday: persona.birthday,
    gender: persona.gender,
    nation: persona.nation,
    ...overrides,
  };
}

/** Only the fields a service's form shows. */
export function formForService(service: MokServiceId, persona: MokPersona, overrides: Partial<MokForm> = {}) {
  const form = formFor(persona, overrides);
  if (service === 'sms-own') return { name: form.name, phone: form.phone, ...pick(overrides) };
  if (service === 'pass') {
    const { gender: _g, nation: _n, ...rest } = form;
    return rest;
  }
  return form;
}

function pick(overrides: Partial<MokForm>): Partial<MokForm> {
  return overrides.usageCode ? { usageCode: overrides.usageCode } : {};
}

/** start + request; expects both to succeed. */
export async function startAndRequest(
  browser: TestBrowser,
  service: MokServiceId,
  persona: MokPersona,
  overrides: Partial<MokForm> = {},
): Promise<Answer> {
  const start = await browser.post('/verify/api/mok/start', { service });
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  const request = await browser.post('/verify/api/mok/request', formForService(service, persona, overrides));
  expect(request.status, JSON.stringify(request.body)).toBe(200);
  return request;
}

/**
 * Confirms again while the provider says "not yet" (PASS approval, the ARS call), as a person
 * clicking every 2 s would: each ask counts against the transaction's 3 (guide §8 4301).
 */
export async function confirmUntilDone(
  browser: TestBrowser,
  body: Record<string, unknown> = {},
  timeoutMs = 10_000,
  intervalMs = 2_000,
): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await browser.post('/verify/api/mok/confirm', body);
    if (answer.status !== 202 || Date.now() > deadline) return answer;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The strings of a person that must never appear in a URL, a response or a log. */
export function piiOf(persona: MokPersona): string[] {
  return [
    persona.name,
    persona.phone,
    `${persona.phone.slice(0, 3)}-${persona.phone.slice(3, 7)}-${persona.phone.slice(7)}`,
    persona.birthday,
    'SANDBOX+FAKE',
    encodeURIComponent('SANDBOX+FAKE'),
    encodeURIComponent(persona.name),
  ];
}
