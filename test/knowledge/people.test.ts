import { describe, expect, it } from 'vitest';
import type { Speaker } from '../../src/content/model.js';
import { groupPeople, matchNames, resolveShortNames } from '../../src/knowledge/people.js';

const speaker = (name: string, role: string | null = null): Speaker => ({ name, role, org: null });
const namesOf = (speakers: Speaker[]) => groupPeople(speakers, (entry) => entry).map((person) => [person.name, ...person.aliases].sort());

describe('one person, many spellings', () => {
  it.each([
    ['Trần Đức Anh', 'Tran Duc Anh'],
    ['Anh Trần Đức Anh', 'Tran Duc Anh'],
    ['Kha Van', 'Van Hoang Kha'],
    ['Van Hoang Kha', 'Nguyen Van Hoang Kha'],
    ['Mendel Grabski (Long)', 'Mendel Grabski'],
  ])('%j and %j are one person', (left, right) => {
    expect(matchNames(speaker(left), speaker(right))).not.toBeNull();
    expect(namesOf([speaker(left), speaker(right)])).toHaveLength(1);
  });

  it('takes a one-letter typo for the same person in a name of three words, or of two when the roles agree', () => {
    expect(matchNames(speaker('Trương Quang Tính', 'Incident Response'), speaker('Quang Tinh Truongh', 'Platform Engineer at TymeX'))).toBe('typo');
    expect(matchNames(speaker('Mendel Grabski', 'Solutions Architect, AWS Vietnam'), speaker('Mendel Grabsky', 'Solutions Architect, AWS Vietnam'))).toBe('typo');
    expect(matchNames(speaker('Mendel Grabski', 'Solutions Architect, AWS Vietnam'), speaker('Mendel Grabsky', 'Student, HCMUTE'))).toBeNull();
    expect(matchNames(speaker('Huynh Hoang Long', null), speaker('Huynh Hoang Linh', null))).toBeNull();
    expect(matchNames(speaker('Nguyen Van Hung', null), speaker('Nguyen Van Hunh', null))).toBeNull();
    expect(matchNames(speaker('Tran Minh', null), speaker('Tran Minh Quan', null))).toBe('part-of');
  });

  it('never merges two people who only share a given name', () => {
    expect(matchNames(speaker('Thinh Lam'), speaker('Nguyen Tuan Thinh'))).toBeNull();
    expect(namesOf([speaker('Thinh Lam'), speaker('Nguyen Tuan Thinh'), speaker('Thịnh Lâm')])).toEqual([['Nguyen Tuan Thinh'], ['Thinh Lam', 'Thịnh Lâm']]);
  });

  it('leaves a short name on its own when it fits two different people', () => {
    const people = namesOf([speaker('Nguyen Van Anh'), speaker('Nguyen Duc Anh'), speaker('Nguyen Anh')]);
    expect(people).toHaveLength(3);
  });

  it('keeps a one-word name apart from every longer name holding it', () => {
    expect(namesOf([speaker('Kiet'), speaker('Tran Kiet')])).toHaveLength(2);
  });

  it('names the person by their fullest spelling, keeping the others as aliases', () => {
    const [person] = groupPeople([speaker('Kha Van'), speaker('Nguyen Van Hoang Kha'), speaker('Văn Hoàng Kha')], (entry) => entry);
    expect(person?.name).toBe('Nguyen Van Hoang Kha');
    expect(person?.aliases.sort()).toEqual(['Kha Van', 'Văn Hoàng Kha']);
  });
});

describe('a short name in one event', () => {
  interface Mention { speaker: Speaker; report: string }
  const mention = (name: string, report: string): Mention => ({ speaker: speaker(name), report });
  const resolve = (mentions: Mention[]) =>
    new Map([...resolveShortNames(mentions, (each) => each.speaker, (each) => each.report)].map(([each, stands]) => [each.speaker.name, stands.name]));

  it('stands for the one full name of the event holding its word, honorific or not', () => {
    const resolved = resolve([mention('Truong Tran', 'a.md'), mention('Minh Anh', 'a.md'), mention('Anh Trường', 'b.vi.md'), mention('Truong', 'b.md'), mention('Chị Bảo', 'b.vi.md')]);
    expect(resolved.get('Anh Trường')).toBe('Truong Tran');
    expect(resolved.get('Truong')).toBe('Truong Tran');
    // No full name holds "Bảo": the honorific goes, so the English twin's "Bao" is the same person.
    expect(resolved.get('Chị Bảo')).toBe('Bảo');
    expect(resolved.has('Minh Anh')).toBe(false);
  });

  it('stands for no one when two full names hold the word, or its own report lists the full name beside it', () => {
    expect(resolve([mention('Kiet Tran', 'a.md'), mention('Kiet Nguyen', 'a.md'), mention('Kiet', 'b.md')]).has('Kiet')).toBe(false);
    expect(resolve([mention('Kiet Tran', 'a.md'), mention('Kiet', 'a.md')]).has('Kiet')).toBe(false);
  });

  it('reads "Anh" before a family name as a given name: "Anh Pham" is not brother Pham', () => {
    expect(resolve([mention('Pham Van Long', 'a.md'), mention('Anh Pham', 'b.md')]).has('Anh Pham')).toBe(false);
  });
});
