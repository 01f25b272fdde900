import { describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';
import { createBot, type AnswerEvent } from '../../src/core/create-bot.js';
import { createLibrary } from '../../src/core/library.js';
import { createSilentLogger } from '../../src/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { modelOf, workshopEvent } from '../support/sample-model.js';

function limitedBot(perMinute: number) {
  let now = new Date('2026-03-02T09:00:00Z');
  const events: AnswerEvent[] = [];
  const bot = createBot({
    library: createLibrary(modelOf(workshopEvent()), defaultTaxonomy),
    store: new MemoryStore(),
    logger: createSilentLogger(),
    clock: () => now,
    commandsPerMinute: perMinute,
    onAnswered: (event) => events.push(event),
  });
  return { bot, events, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('the per-user rate limit', () => {
  it('answers politely once a user exceeds the limit, and again after a pause', async () => {
    const { bot, events, advance } = limitedBot(3);
    const spammer = { platform: 'slack' as const, id: 'U-SPAM' };
    const titles = [];
    for (let call = 0; call < 5; call += 1) titles.push((await bot.run({ command: 'speakers', args: '', user: spammer })).title);
    expect(titles.slice(0, 3)).toEqual(['Speakers (6)', 'Speakers (6)', 'Speakers (6)']);
    const limited = await bot.run({ command: 'speakers', args: '', user: spammer });
    expect(limited.title).toBe('One moment');
    expect(limited.ephemeral).toBe(true);
    expect(events.filter((event) => event.outcome === 'rate_limited').length).toBeGreaterThanOrEqual(2);

    // Another user is not affected.
    expect((await bot.run({ command: 'speakers', args: '', user: { platform: 'slack', id: 'U-CALM' } })).title).toBe('Speakers (6)');
    // 20 s later one more token has come back (3 a minute).
    advance(20_000);
    expect((await bot.run({ command: 'speakers', args: '', user: spammer })).title).toBe('Speakers (6)');
  });

  it('does not limit the local console', async () => {
    const { bot } = limitedBot(1);
    for (let call = 0; call < 5; call += 1) expect((await bot.routeText('tip', { platform: 'console', id: 'local' })).title).not.toBe('One moment');
  });
});
