import { afterEach, describe, expect, it } from 'vitest';
import { sendSlashCommand } from '../../fakes/fake-slack.js';
import { buttonsOf, SIGNING_SECRET, startHarness, textOf, type Harness } from './slack-harness.js';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('Slack answers each user in their Slack language, through Bolt', () => {
  it('answers a user whose locale is vi-VN in Vietnamese, and one in en-US in English', async () => {
    harness = await startHarness();
    harness.fake.setUserLocale('U0VIET', 'vi-VN');

    const vietnamese = await sendSlashCommand(harness.url, SIGNING_SECRET, { command: '/pillars', text: 'iam', user_id: 'U0VIET' });
    const english = await sendSlashCommand(harness.url, SIGNING_SECRET, { command: '/pillars', text: 'iam', user_id: 'U0ENGL' });

    // The harness's taxonomy gives its pillars no Vietnamese names: the labels are Vietnamese, the name stays English.
    expect(textOf(vietnamese.json?.['blocks'])).toContain('Trụ cột 1 — Identity');
    expect(buttonsOf(vietnamese.json?.['blocks']).map((button) => button.text)).toContain('Chia sẻ vào kênh');
    expect(textOf(english.json?.['blocks'])).toContain('Pillar 1 — Identity & Access Management');
    expect(buttonsOf(english.json?.['blocks']).map((button) => button.text)).toContain('Share in channel');
    const lookups = harness.fake.callsTo('users.info');
    expect(lookups.map((call) => [call.body['user'], String(call.body['include_locale'])])).toEqual([
      ['U0VIET', 'true'],
      ['U0ENGL', 'true'],
    ]);
  });

  it('asks Slack for a user locale once, then keeps it', async () => {
    harness = await startHarness();
    harness.fake.setUserLocale('U0VIET', 'vi-VN');

    await sendSlashCommand(harness.url, SIGNING_SECRET, { command: '/tip', user_id: 'U0VIET' });
    const second = await sendSlashCommand(harness.url, SIGNING_SECRET, { command: '/events', user_id: 'U0VIET' });

    expect(textOf(second.json?.['blocks'])).toContain('Sự kiện');
    expect(harness.fake.callsTo('users.info')).toHaveLength(1);
  });

  it('keeps /lang en over a Vietnamese Slack, and /lang fr answers with the languages there are', async () => {
    harness = await startHarness();
    harness.fake.setUserLocale('U0VIET', 'vi-VN');

    const unknown = await sendSlashCommand(harness.url, SIGNING_SECRET, { command: '/lang', text: 'fr', user_id: 'U0VIET' });
    expect(textOf(unknown.json?.['blocks'])).toContain('tiếng Anh');
    const chosen = await sendSlashCommand(harness.url, SIGNING_SECRET, { command: '/lang', text: 'en', user_id: 'U0VIET' });
    expect(textOf(chosen.json?.['blocks'])).toContain('From now on I answer you in English.');
    const after = await sendSlashCommand(harness.url, SIGNING_SECRET, { command: '/pillars', text: 'iam', user_id: 'U0VIET' });
    expect(textOf(after.json?.['blocks'])).toContain('Identity & Access Management');
    expect(await harness.store.getLanguage('slack', 'U0VIET')).toBe('en');
  });
});
