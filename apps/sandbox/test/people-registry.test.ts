import { describe, expect, it } from 'vitest';
import { type Carrier, PEOPLE, PEOPLE_LIST, findPerson, type Person } from '../src/people.js';
import { PERSONAS } from '../src/personas.js';
import { KCB_PERSONAS } from '../src/providers/kcb/personas.js';
import { MOK_PERSONAS } from '../src/providers/mobile-ok/personas.js';
import { SSAFY_PERSONAS } from '../src/providers/ssafy/personas.js';
import { TOSS_PERSONAS } from '../src/providers/toss/personas.js';

const KCB_CARRIER: Record<string, Carrier> = {
  '01': 'SKT',
  '02': 'KT',
  '03': 'LGU',
  '04': 'SKTMVNO',
  '05': 'KTMVNO',
  '06': 'LGUMVNO',
};

/** What each provider's persona says about the person, read back into the registry's terms. */
const reported: [provider: string, identity: Person][] = [
  ...PERSONAS.map((p): [string, Person] => ['kakao', { id: p.id, name: p.name }]),
  ...SSAFY_PERSONAS.map((p): [string, Person] => ['ssafy', { id: p.id, name: p.name }]),
  ...MOK_PERSONAS.map((p): [string, Person] => [
    'mobile-ok',
    {
      id: p.id,
      name: p.name,
      birthDate: p.birthday,
      sex: p.gender === '1' ? 'male' : 'female',
      foreigner: p.nation === '1',
      phone: p.phone,
      carrier: p.carrier,
    },
  ]),
  ...KCB_PERSONAS.map((p): [string, Person] => [
    'kcb',
    {
      id: p.id,
      name: p.name,
      birthDate: p.birthdate,
      sex: p.sex === '1' ? 'male' : 'female',
      foreigner: p.nationality === '2',
      phone: p.phone,
      carrier: KCB_CARRIER[p.carrier],
    },
  ]),
  ...TOSS_PERSONAS.map((p): [string, Person] => [
    'toss',
    {
      id: p.id,
      name: p.name,
      birthDate: p.birthday,
      sex: p.gender === 'MALE' ? 'male' : 'female',
      foreigner: p.nationality === 'FOREIGNER',
      phone: p.phone,
    },
  ]),
];

describe('the people registry', () => {
  it('keys each person by their id; phone numbers are unique', () => {
    for (const [key, person] of Object.entries(PEOPLE)) expect(person.id).toBe(key);
    const phones = PEOPLE_LIST.flatMap((p) => (p.phone === undefined ? [] : [p.phone]));
    expect(new Set(phones).size).toBe(phones.length);
    expect(findPerson('kim-minjun')).toBe(PEOPLE['kim-minjun']);
    expect(findPerson('toString')).toBeUndefined();
  });

  it('every provider persona is a person of the registry, with the same identity', () => {
    for (const [provider, identity] of reported) {
      const person = findPerson(identity.id);
      expect(person, `${provider} persona ${identity.id}`).toBeDefined();
      expect({ provider, ...identity }).toEqual({ provider, ...pick(person!, Object.keys(identity)) });
    }
  });

  it('every person meets at least one provider; kim-minjun and lee-seoyeon meet all five', () => {
    const providersOf = (id: string) =>
      new Set(reported.filter(([, p]) => p.id === id).map(([name]) => name));
    for (const person of PEOPLE_LIST) expect(providersOf(person.id).size, person.id).toBeGreaterThan(0);
    for (const id of ['kim-minjun', 'lee-seoyeon']) {
      expect([...providersOf(id)].sort()).toEqual(['kakao', 'kcb', 'mobile-ok', 'ssafy', 'toss']);
    }
  });
});

function pick(person: Person, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (person as unknown as Record<string, unknown>)[k]]));
}
