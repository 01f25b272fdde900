import { afterEach, describe, expect, it } from 'vitest';
import { visibleText, startHarness, type DiscordHarness } from './discord-harness.js';

let harness: DiscordHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const dataOf = (body: unknown) => (body as { data?: unknown }).data;

describe('help and hints on Discord are written as Discord takes commands', () => {
  it.each([
    { name: 'help', options: {}, expected: ['/speakers [name:…]', '/search query:<query>', '/speakers name:thinh'] },
    { name: 'events', options: {}, expected: ['/events event:1'] },
    { name: 'pillars', options: {}, expected: ['/pillars pillar:iam', '/pillars pillar:4'] },
  ])('/$name', async ({ name, options, expected }) => {
    harness = await startHarness();
    const { fake } = harness;

    // As read: Discord shows escaped markdown without its backslashes and zero-width spaces.
    const text = visibleText(dataOf((await fake.waitForCallback(fake.slashCommand({ name, options }))).body)).replace(/\\|\u200b/g, '');

    for (const usage of expected) expect(text).toContain(usage);
    // No bracketed argument without its option name, no bare argument after a command.
    expect(text).not.toMatch(/\/[a-z]+ \[[a-z]+\]/);
    expect(text).not.toMatch(/\/(?:events|pillars|speakers|search) (?![a-z]+:|\[)[^\s·]/);
  });
});

describe('help in a direct message to the bot on Discord', () => {
  it('is written as words, since a slash in the message box opens Discord’s command picker', async () => {
    harness = await startHarness();
    const { fake } = harness;
    const sent = fake.directMessage({ content: 'help' });

    const post = await fake.waitFor((call) => call.method === 'POST' && call.path === `/channels/${sent.channelId}/messages`);

    const text = visibleText(post.body).replace(/\\|\u200b/g, '');
    expect(text).toContain('speakers [name]');
    expect(text).toContain('Examples: speakers thinh');
    expect(text).not.toMatch(/(^|\s)\/[a-z]/);
  });
});
