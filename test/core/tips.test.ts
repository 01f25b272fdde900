import { describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';
import { collectTips, pickTip, type RotationEntry, type Tip } from '../../src/core/tips.js';
import { previewTips, tipForDay } from '../../src/core/tip-rotation.js';
import { createBot } from '../../src/core/create-bot.js';
import { createLibrary } from '../../src/core/library.js';
import { isTakeawaysError } from '../../src/errors.js';
import { createSilentLogger } from '../../src/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { asLibraryEvent, modelOf, workshopEvent } from '../support/sample-model.js';

const lessons = (count: number) => Array.from({ length: count }, (_, index) => `Lesson number ${index} about IAM roles`);
const poolOf = (texts: string[]) => collectTips([asLibraryEvent(workshopEvent({ lessons: texts }))], defaultTaxonomy, ['lessons']);

function days(start: string, count: number): string[] {
  return Array.from({ length: count }, (_, offset) => new Date(Date.parse(`${start}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10));
}

/** Serves `count` days in a row, recording each day's tip as the scheduler does. */
function serve(pool: readonly Tip[], history: RotationEntry[], start: string, count: number): string[] {
  return days(start, count).map((day) => {
    const tip = pickTip(pool, history, day) as Tip;
    history.push({ day, tipId: tip.id });
    return tip.text;
  });
}

describe('pickTip', () => {
  it('is deterministic for a date, whatever order the reports were read in', () => {
    const first = asLibraryEvent(workshopEvent({ lessons: lessons(4) }));
    const second = asLibraryEvent(workshopEvent({ id: 'other', key: 'other', lessons: ['Encrypt with KMS', 'Rotate secrets', 'Log everything'] }));
    const forwards = collectTips([first, second], defaultTaxonomy, ['lessons']);
    const backwards = collectTips([second, first], defaultTaxonomy, ['lessons']);
    for (const day of days('2026-05-01', 10)) expect(pickTip(forwards, [], day)?.id).toBe(pickTip(backwards, [], day)?.id);
  });

  it('shows every tip once before any repeats when tips are posted on weekdays only', () => {
    const pool = poolOf(lessons(7));
    const history: RotationEntry[] = [];
    const posted: string[] = [];
    for (const day of days('2026-01-05', 60)) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const tip = pickTip(pool, history, day) as Tip;
      history.push({ day, tipId: tip.id });
      posted.push(tip.text);
    }
    for (let cycle = 0; cycle + 7 <= posted.length; cycle += 7) expect(new Set(posted.slice(cycle, cycle + 7)).size).toBe(7);
  });

  it('shows every tip once before any repeats, cycle after cycle', () => {
    const pool = poolOf(lessons(7));
    const shown = serve(pool, [], '2026-01-01', 21);
    for (let cycle = 0; cycle < 3; cycle += 1) expect(new Set(shown.slice(cycle * 7, cycle * 7 + 7)).size).toBe(7);
  });

  it('does not reshuffle what comes next when a tip is added or removed', () => {
    const pool = poolOf(lessons(10));
    const history: RotationEntry[] = [];
    serve(pool, history, '2026-01-01', 3);
    const planned = serve(pool, [...history], '2026-01-04', 7);

    const added = poolOf([...lessons(10), 'A brand new lesson about KMS keys']);
    const withAddition = serve(added, [...history], '2026-01-04', 8);
    expect(withAddition.filter((text) => !text.startsWith('A brand new'))).toEqual(planned);

    const removedText = planned[2] as string;
    const removed = poolOf(lessons(10).filter((text) => text !== removedText));
    expect(serve(removed, [...history], '2026-01-04', 6)).toEqual(planned.filter((text) => text !== removedText));
  });

  it('keeps the tip recorded for a day even when the pool changes', () => {
    const pool = poolOf(lessons(5));
    const tip = pickTip(pool, [], '2026-02-02') as Tip;
    const grown = poolOf([...lessons(5), 'Another lesson']);
    expect(pickTip(grown, [{ day: '2026-02-02', tipId: tip.id }], '2026-02-02')?.id).toBe(tip.id);
  });

  it('gives nothing for an empty pool', () => {
    expect(pickTip([], [], '2026-01-01')).toBeNull();
  });

  it('names the event and the pillar of each tip', () => {
    const [tip] = collectTips([asLibraryEvent(workshopEvent({ lessons: ['Rotate keys in AWS KMS'] }))], defaultTaxonomy, ['lessons']);
    expect(tip?.event.name).toBe('AWS Well-Architected Security Pillar Workshop');
    expect(tip?.pillar?.id).toBe('data');
  });
});

describe('the rotation kept in the store', () => {
  it('gives the same tip to every caller on a day and four different tips over four days', async () => {
    const library = createLibrary(modelOf(workshopEvent()), defaultTaxonomy);
    const store = new MemoryStore();
    const now = new Date();
    const first = await tipForDay(library, store, now, 'UTC');
    const again = await tipForDay(library, store, now, 'UTC');
    expect(again?.id).toBe(first?.id);
    const preview = await previewTips(library, store, days(now.toISOString().slice(0, 10), 4));
    expect(preview[0]?.tip?.id).toBe(first?.id);
    expect(new Set(preview.map((entry) => entry.tip?.id)).size).toBe(4);
  });

  it.each([['not JSON', '[{"day":'], ['not a list', '{"day":"2026-03-01"}']])('refuses a record that is %s instead of starting the rotation afresh over it', async (_case, raw) => {
    const library = createLibrary(modelOf(workshopEvent()), defaultTaxonomy);
    const store = new MemoryStore();
    await store.setValue('tips:rotation', raw);

    const error = await tipForDay(library, store, new Date('2026-03-02T09:00:00Z'), 'UTC').catch((caught: unknown) => caught);

    expect(isTakeawaysError(error, 'store_corrupt')).toBe(true);
    expect((error as Error).message).toMatch(/tip rotation record \(tips:rotation\) is damaged.*takeaways doctor/);
    expect(await store.getValue('tips:rotation')).toBe(raw);
  });
});

describe('the tip of the day for many targets', () => {
  it('reads the rotation once for a slot posted to many targets, and gives every target the same tip', async () => {
    const store = new MemoryStore();
    let reads = 0;
    const readValue = store.getValue.bind(store);
    store.getValue = async (key) => {
      reads += 1;
      return readValue(key);
    };
    const now = new Date('2026-03-02T09:00:00Z');
    const bot = createBot({ library: createLibrary(modelOf(workshopEvent()), defaultTaxonomy), store, logger: createSilentLogger(), clock: () => now });
    const replies = await Promise.all(Array.from({ length: 50 }, (_, index) => bot.tipOfTheDay(now, `slack:C${index}`)));
    expect(new Set(replies.map((reply) => JSON.stringify(reply.blocks))).size).toBe(1);
    // Concurrent first calls may each read; later ones are served from the recorded day.
    const afterFirstWave = reads;
    await bot.tipOfTheDay(now, 'discord:1');
    expect(reads).toBe(afterFirstWave);
  });
});
