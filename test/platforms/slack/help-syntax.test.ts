import { afterEach, describe, expect, it } from 'vitest';
import { listSlashCommands } from '../../../src/platforms/slack/slash-commands.js';
import { commandDeclarations } from '../../../src/core/commands.js';
import { sendSlashCommand } from '../../fakes/fake-slack.js';
import { SIGNING_SECRET, startHarness, textOf, type Harness } from './slack-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Every `/word` a user reads: each must be a slash command the app registers. */
const slashWords = (text: string) => [...text.matchAll(/(?:^|[\s(:"])(\/[a-z0-9_-]+)/g)].map((match) => match[1] as string);

describe('help and hints on Slack name only the slash commands the app registers', () => {
  it.each([
    { prefix: '', command: '/takeaways', text: '' },
    { prefix: 'acme-', command: '/acme-takeaways', text: '' },
    { prefix: 'acme-', command: '/acme-takeaways', text: 'help search' },
    { prefix: 'acme-', command: '/acme-events', text: '' },
    { prefix: 'acme-', command: '/acme-pillars', text: '' },
    { prefix: 'acme-', command: '/acme-takeaways', text: 'search zzzzqqq' },
    { prefix: 'acme-', command: '/acme-takeaways', text: '/spekers' },
  ])('$command $text (prefix "$prefix")', async ({ prefix, command, text }) => {
    harness = await startHarness({ commandPrefix: prefix });
    const registered = new Set(listSlashCommands(commandDeclarations, prefix).map((slash) => slash.name));

    const response = await sendSlashCommand(harness.url, SIGNING_SECRET, { command, text });

    const shown = textOf(response.json?.['blocks']);
    const words = slashWords(shown);
    expect(words.length).toBeGreaterThan(0);
    expect(words.filter((word) => !registered.has(word))).toEqual([]);
  });

  it('shows a command without a slash command of its own through the umbrella, with the prefix', async () => {
    harness = await startHarness({ commandPrefix: 'acme-' });

    const shown = textOf((await sendSlashCommand(harness.url, SIGNING_SECRET, { command: '/acme-takeaways', text: 'help' })).json?.['blocks']);

    expect(shown).toContain('/acme-takeaways search <query>');
    expect(shown).toContain('/acme-speakers [name]');
    expect(shown).toContain('/acme-takeaways search guardduty');
  });
});
