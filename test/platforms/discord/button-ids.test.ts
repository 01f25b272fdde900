import { afterEach, describe, expect, it } from 'vitest';
import { decodeActionId, MAX_ACTION_ID_LENGTH } from '../../../src/core/render/action-id.js';
import { validateMessageBody } from '../../fakes/fake-discord.js';
import { LONG_NAME_STEM, longNamedSpeakers } from '../../support/long-names.js';
import { modelOf, workshopEvent } from '../../support/sample-model.js';
import { buttonIds, sampleBot, sampleLibrary, startHarness, visibleText, type DiscordHarness } from './discord-harness.js';

let harness: DiscordHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const library = () => sampleLibrary(modelOf(workshopEvent({ speakers: [...workshopEvent().speakers, ...longNamedSpeakers] })));

describe('Discord button ids', () => {
  it('gives two speakers whose long names share 95 characters distinct custom_ids, and picking one shows that one', async () => {
    harness = await startHarness({ bot: (store, logger) => sampleBot(store, logger, library()) });
    const { fake } = harness;
    const picker = await fake.waitForCallback(fake.slashCommand({ name: 'speakers', options: { name: 'Alexandria' } }));
    const data = (picker.body as { data?: unknown }).data;

    expect(picker.status).toBe(204);
    expect(validateMessageBody(data)).toEqual([]);
    const ids = buttonIds(data);
    expect(ids.every((id) => id.length <= MAX_ACTION_ID_LENGTH)).toBe(true);
    const omega = ids.find((id) => decodeActionId(id)?.action.command === 'speakers' && !decodeActionId(id)?.share && id !== ids[0]);

    const shown = await fake.waitForCallback(fake.button({ customId: omega ?? '', onPrivateMessage: true }));

    const text = visibleText((shown.body as { data?: unknown }).data);
    expect(text).toContain(`${LONG_NAME_STEM} Omega`);
    expect(text).toContain('Security Engineer');
    expect(text).not.toContain('Solutions Architect');
  });

  it('shares exactly the answer of a long name, not a list of everyone its first 85 characters match', async () => {
    harness = await startHarness({ bot: (store, logger) => sampleBot(store, logger, library()) });
    const { fake } = harness;
    const card = await fake.waitForCallback(fake.slashCommand({ name: 'speakers', options: { name: `${LONG_NAME_STEM} Omega` } }));
    const share = buttonIds((card.body as { data?: unknown }).data).find((id) => decodeActionId(id)?.share);

    const shared = await fake.waitForCallback(fake.button({ customId: share ?? '', onPrivateMessage: true }));

    const text = visibleText((shared.body as { data?: unknown }).data);
    expect(text).toContain('Security Engineer');
    expect(text).not.toContain('speakers match');
  });

  it('says a button whose long argument is no longer known has stopped working', async () => {
    harness = await startHarness();
    const { fake } = harness;

    const answered = await fake.waitForCallback(fake.button({ customId: 'tk:h:speakers:::AAAAAAAAAAAAAAAAAAAAAA' }));

    expect(visibleText((answered.body as { data?: unknown }).data)).toContain('no longer works');
  });
});
