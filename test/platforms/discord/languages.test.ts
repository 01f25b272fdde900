import { afterEach, describe, expect, it } from 'vitest';
import { commandDeclarations } from '../../../src/core/commands.js';
import { DISCORD_NAME, type DiscordCommandJson } from '../../../src/platforms/discord/command-registration.js';
import { startHarness, visibleText, type DiscordHarness } from './discord-harness.js';

let harness: DiscordHarness | undefined;

/** What the user reads in an interaction's first answer. */
const seen = (body: unknown) => visibleText((body as { data?: unknown }).data);

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('Discord answers each user in their client language, through discord.js', () => {
  it.each([
    { locale: 'vi', expected: ['Trụ cột 1', 'Quản lý danh tính và truy cập', 'Nội dung báo cáo đề cập', '"label":"Chia sẻ"'] },
    { locale: 'en-US', expected: ['Pillar 1', 'Identity & Access Management', 'What the report covers', '"label":"Share"'] },
  ])('answers /pillars iam in $locale', async ({ locale, expected }) => {
    harness = await startHarness();
    const { fake } = harness;

    const callback = await fake.waitForCallback(fake.slashCommand({ name: 'pillars', options: { pillar: 'iam' }, locale }));

    const text = `${seen(callback.body)} ${JSON.stringify(callback.body)}`;
    for (const part of expected) expect(text).toContain(part);
  });

  it('falls back to English for a client language the bot does not speak', async () => {
    harness = await startHarness();
    const { fake } = harness;

    const callback = await fake.waitForCallback(fake.slashCommand({ name: 'pillars', options: { pillar: 'iam' }, locale: 'fr' }));

    expect(seen(callback.body)).toContain('Identity & Access Management');
  });

  it('keeps a /lang choice over the client language, and writes hints with the names a Vietnamese client shows', async () => {
    harness = await startHarness();
    const { fake, store } = harness;

    await fake.waitForCallback(fake.slashCommand({ name: 'lang', options: { language: 'vi' }, locale: 'en-US' }));
    expect(await store.getLanguage('discord', '400000000000000001')).toBe('vi');
    const callback = await fake.waitForCallback(fake.slashCommand({ name: 'events', locale: 'en-US' }));
    expect(seen(callback.body)).toContain('Hỏi về một sự kiện');

    const inVietnameseClient = await fake.waitForCallback(fake.slashCommand({ name: 'pillars', locale: 'vi' }));
    expect(seen(inVietnameseClient.body)).toContain('/trụ-cột trụ-cột:iam');
  });

  it('registers every command and option with vi names and descriptions Discord accepts', async () => {
    harness = await startHarness();
    const registration = harness.fake.calls.find((call) => call.method === 'PUT' && call.path.endsWith('/commands'));
    const body = registration?.body as DiscordCommandJson[];

    expect(body.map((command) => command.name)).toEqual(commandDeclarations.map((declaration) => declaration.name));
    for (const command of body) {
      const named = [command, ...command.options];
      for (const entry of named) {
        const vi = entry.name_localizations?.['vi'];
        expect(vi, entry.name).toBeDefined();
        expect(vi).toMatch(DISCORD_NAME);
        expect(vi).toBe(vi?.toLowerCase());
        expect(entry.description_localizations?.['vi']?.length ?? 0).toBeGreaterThan(0);
        expect(entry.description_localizations?.['vi']?.length ?? 101).toBeLessThanOrEqual(100);
      }
    }
    expect(body.find((command) => command.name === 'speakers')?.name_localizations).toEqual({ vi: 'diễn-giả' });
  });
});
