import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ACTION_ID_LENGTH } from '../../../src/core/render/action-id.js';
import { findInvalidBlocks, sendInteraction, sendSlashCommand } from '../../fakes/fake-slack.js';
import { LONG_NAME_STEM, longNamedSpeakers } from '../../support/long-names.js';
import { findBlockKitProblems } from './block-kit-check.js';
import { buttonsOf, SIGNING_SECRET, startHarness, textOf, type Harness } from './slack-harness.js';
import { fixtureModel } from './workshop-fixture.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const model = { ...fixtureModel, events: fixtureModel.events.map((event) => ({ ...event, speakers: [...event.speakers, ...longNamedSpeakers] })) };

function click(h: Harness, actionId: string, responseId: string) {
  return sendInteraction(h.url, SIGNING_SECRET, {
    type: 'block_actions',
    user: { id: 'U0ANA', username: 'ana', team_id: 'T0FAKE' },
    team: { id: 'T0FAKE', domain: 'fake' },
    api_app_id: 'A0FAKE',
    token: 'legacy',
    trigger_id: '1.2.3',
    channel: { id: 'C0GENERAL', name: 'general' },
    container: { type: 'message', message_ts: '1700000005.000500', channel_id: 'C0GENERAL', is_ephemeral: true },
    response_url: h.fake.responseUrl(responseId),
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, action_ts: '1.1' }],
  });
}

describe('Slack button ids', () => {
  it('gives two speakers whose long names share 95 characters distinct, short ids, and picking one shows that one', async () => {
    harness = await startHarness({ model });
    const picker = await sendSlashCommand(harness.url, SIGNING_SECRET, { command: '/speakers', text: 'Alexandria' });
    const blocks = picker.json?.['blocks'];

    expect(findInvalidBlocks(blocks)).toEqual([]);
    expect(findBlockKitProblems(blocks)).toEqual([]);
    const buttons = buttonsOf(blocks);
    expect(buttons.every((button) => button.action_id.length <= MAX_ACTION_ID_LENGTH)).toBe(true);
    const picks = buttons.filter((button) => button.text.startsWith('Alexandria'));
    expect(picks).toHaveLength(2);

    for (const [index, pick] of picks.entries()) await click(harness, pick.action_id, `pick-${index}`);

    const cards = await harness.fake.waitFor(() => {
      const found = harness?.fake.responses.filter((entry) => entry.id.startsWith('pick-')) ?? [];
      return found.length === 2 ? found : undefined;
    });
    const roles = cards.map((card) => ['Solutions Architect', 'Security Engineer'].filter((role) => textOf(card.body['blocks']).includes(role)));
    expect(roles.sort()).toEqual([['Security Engineer'], ['Solutions Architect']]);
    expect(cards.every((card) => card.status === 200 && textOf(card.body['blocks']).includes(LONG_NAME_STEM))).toBe(true);
  });

  it('shares exactly the answer of a long name, not a list of everyone its first 85 characters match', async () => {
    harness = await startHarness({ model });
    const card = await sendSlashCommand(harness.url, SIGNING_SECRET, { command: '/speakers', text: `${LONG_NAME_STEM} Omega` });
    const share = buttonsOf(card.json?.['blocks']).find((button) => button.text === 'Share in channel');

    await click(harness, share?.action_id ?? '', 'share');

    const posted = await harness.fake.waitFor(() => harness?.fake.responses.find((entry) => entry.id === 'share' && entry.body['response_type'] === 'in_channel'));
    expect(textOf(posted.body['blocks'])).toContain('Security Engineer');
    expect(textOf(posted.body['blocks'])).not.toContain('speakers match');
  });
});
