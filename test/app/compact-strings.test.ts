import { describe, expect, it } from 'vitest';
import { compactStrings } from '../../src/app/compact-strings.js';

describe('compactStrings', () => {
  it('keeps every value and every object, in arrays and plain objects at any depth', () => {
    const page = `---\ntitle: x\n---\n${'filler '.repeat(2_000)}Rotate the keys every ninety days`;
    const lesson = page.slice(page.lastIndexOf('Rotate'));
    const speaker = { name: 'An Nguyen', role: 'Engineer', org: null };
    const event = { id: 'e1', lessons: [lesson, lesson], speakers: [speaker], nested: { deeper: [{ text: `${'Rotate'} the keys` }] }, date: null, count: 3 };
    const model = { events: [event], skipped: [], problems: [{ source: 'a.md', line: 2, message: 'note' }] };
    const before = structuredClone(model);
    compactStrings([model]);
    expect(model).toStrictEqual(before);
    expect(model.events[0]).toBe(event);
    expect(event.speakers[0]).toBe(speaker);
  });

  it('follows shared and circular references once, and leaves maps, sets, class instances and frozen objects alone', () => {
    class Holder {
      constructor(public text: string) {}
    }
    const shared = { text: 'shared text' };
    const circular: Record<string, unknown> = { name: 'loop', items: [shared, shared] };
    circular['self'] = circular;
    const frozen = Object.freeze({ text: 'frozen' });
    const map = new Map([['key', 'value']]);
    const set = new Set(['value']);
    const holder = new Holder('held');
    compactStrings([{ circular, frozen, map, set, holder }, shared]);
    expect(circular['self']).toBe(circular);
    expect(circular['items']).toEqual([shared, shared]);
    expect(frozen.text).toBe('frozen');
    expect([...map]).toEqual([['key', 'value']]);
    expect([...set]).toEqual(['value']);
    expect(holder.text).toBe('held');
  });

  it('shares its pool across calls: one load keeps each text once across its parts', () => {
    const pool = compactStrings([{ text: 'same words' }]);
    compactStrings([['same words', 'other words']], pool);
    expect([...pool.keys()].sort()).toEqual(['other words', 'same words']);
  });
});
