import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../../src/app/load-library.js';
import { folderSources } from '../../../src/sources/content-sources.js';
import { createBot } from '../../../src/core/create-bot.js';
import { startHarness, visibleText, type DiscordHarness } from './discord-harness.js';

/** The "done when", against the bundled report as `npm start` loads it. */
describe('the Discord bot over the bundled report', () => {
  let harness: DiscordHarness;

  beforeAll(async () => {
    const { library } = await loadLibrary({ sources: folderSources(['content']), lang: 'en', tipSources: ['lessons'] });
    harness = await startHarness({ bot: (store, logger) => createBot({ library, store, logger }) });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('answers /speakers name:thinh with both Thinhs', async () => {
    const { fake } = harness;

    const callback = await fake.waitForCallback(fake.slashCommand({ name: 'speakers', options: { name: 'thinh' } }));

    const text = visibleText((callback.body as { data?: unknown }).data);
    expect(text).toContain('Nguyen Tuan Thinh');
    expect(text).toContain('Thinh Lam');
  });

  it('autocompletes "thi" with both Thinhs', async () => {
    const { fake } = harness;

    const callback = await fake.waitForCallback(fake.autocomplete({ name: 'speakers', options: { name: 'thi' }, focused: 'name' }));

    const names = ((callback.body as { data?: { choices?: { name: string }[] } }).data?.choices ?? []).map((choice) => choice.name);
    expect(names).toEqual(expect.arrayContaining(['Nguyen Tuan Thinh', 'Thinh Lam']));
  });

  it('answers a DM "pillars iam" with the IAM points', async () => {
    const { fake } = harness;

    const sent = fake.directMessage({ content: 'pillars iam' });
    const post = await fake.waitFor((call) => call.method === 'POST' && call.path === `/channels/${sent.channelId}/messages`);

    expect(visibleText(post.body)).toContain('Identity & Access Management');
    expect(visibleText(post.body)).toContain('least privilege');
    expect((post.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
  });
});
