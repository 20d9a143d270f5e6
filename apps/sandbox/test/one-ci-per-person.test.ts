import { describe, expect, it } from 'vitest';
import { findPerson } from '../src/people.js';
import { KCB_PERSONAS } from '../src/providers/kcb/personas.js';
import { sandboxCi as mokCi, sandboxDi as mokDi } from '../src/index.js';
import { MOK_PERSONAS } from '../src/providers/mobile-ok/personas.js';
import { TOSS_PERSONAS } from '../src/providers/toss/personas.js';
import { sandboxCi, sandboxDi } from '../src/sandbox-identity.js';

/**
 * CI (연계정보) is one value per person at every Korean identity provider; DI is per site (and so
 * per provider). The platform matches people across providers by CI (docs/auth.md "One person,
 * one member"), so the sandbox must give a person of the registry (people.ts) the same CI at
 * mobile-ok, KCB and Toss — each emulator derives it from the persona id, so every persona must
 * be a registry person under its own id — and different DIs at mobile-ok and KCB.
 */
describe('one CI per person across the emulators', () => {
  const providers = [
    ['mobile-ok', MOK_PERSONAS],
    ['kcb', KCB_PERSONAS],
    ['toss', TOSS_PERSONAS],
  ] as const;

  for (const [provider, personas] of providers) {
    it(`every ${provider} persona is a person of the registry, with that person's name`, () => {
      for (const persona of personas) {
        const person = findPerson(persona.id);
        expect(person, `${provider} persona ${persona.id}`).toBeDefined();
        expect(persona.name).toBe(person!.name);
      }
    });
  }

  it('a person who meets several providers has one CI, and a DI per provider', () => {
    const kimAtMok = MOK_PERSONAS.find((p) => p.id === 'kim-minjun')!;
    const kimAtKcb = KCB_PERSONAS.find((p) => p.id === 'kim-minjun')!;
    const kimAtToss = TOSS_PERSONAS.find((p) => p.id === 'kim-minjun')!;
    // What each emulator puts in its result: mobile-ok's own function, KCB's and Toss's.
    const ci = mokCi(kimAtMok);
    expect(sandboxCi(kimAtKcb.id)).toBe(ci);
    expect(sandboxCi(kimAtToss.id)).toBe(ci);
    expect(ci).toHaveLength(88);
    expect(mokDi(kimAtMok, 'site-at-mobile-ok')).not.toBe(sandboxDi(kimAtKcb.id, 'SBX000000001'));
    // Everyone mobile-ok knows has the CI KCB and Toss would give them.
    for (const persona of MOK_PERSONAS) expect(mokCi(persona)).toBe(sandboxCi(persona.id));
    // Two people never share one.
    const all = new Set([...MOK_PERSONAS, ...KCB_PERSONAS, ...TOSS_PERSONAS].map((p) => sandboxCi(p.id)));
    expect(all.size).toBe(
      new Set([...MOK_PERSONAS, ...KCB_PERSONAS, ...TOSS_PERSONAS].map((p) => p.id)).size,
    );
  });
});
