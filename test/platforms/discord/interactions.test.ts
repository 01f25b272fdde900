import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../../src/core/bot-api.js';
import { createBot } from '../../../src/core/create-bot.js';
import { decodeActionId, encodeActionId } from '../../../src/core/render/action-id.js';
import { translator } from '../../../src/core/i18n.js';
import { validateMessageBody, type RecordedCall } from '../../fakes/fake-discord.js';
import { hugeEvent, modelOf, workshopEvent } from '../../support/sample-model.js';
import { buttonIds, delay, sampleBot, sampleLibrary, startHarness, visibleText, type DiscordHarness } from './discord-harness.js';

const APOLOGY = translator('en')('render.apology');

const EPHEMERAL = 64;

let harness: DiscordHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function started(options: Parameters<typeof startHarness>[0] = {}): Promise<DiscordHarness> {
  harness = await startHarness(options);
  return harness;
}

interface CallbackBody {
  type: number;
  data?: { content?: string; embeds?: Array<{ footer?: { text: string } }>; components?: unknown[]; flags?: number; allowed_mentions?: unknown; choices?: { name: string; value: string }[] };
}

function callbackBody(call: RecordedCall): CallbackBody {
  return call.body as CallbackBody;
}

/** A bot that answers like the real one, only later: the handler is slow (a cold cache, a slow store). */
function slowBot(inner: Bot, ms: number): Bot {
  return { ...inner, commands: inner.commands, run: async (request) => (await delay(ms), inner.run(request)) };
}

/** A bot that breaks its promise never to throw: the platform must still answer. */
function throwingBot(inner: Bot, afterMs = 0): Bot {
  return {
    ...inner,
    commands: inner.commands,
    run: async () => {
      await delay(afterMs);
      throw new Error('handler exploded');
    },
  };
}

describe('Discord slash commands, end to end through discord.js', () => {
  it.each<{ name: string; options: Record<string, string>; expected: string }>([
    { name: 'help', options: {}, expected: 'speakers' },
    { name: 'speakers', options: {}, expected: 'Nguyen Tuan Thinh' },
    { name: 'speakers', options: { name: 'thinh' }, expected: 'Thinh Lam' },
    { name: 'pillars', options: {}, expected: 'Identity' },
    { name: 'pillars', options: { pillar: 'iam' }, expected: 'least privilege' },
    { name: 'lessons', options: {}, expected: 'Security must start from architecture' },
    { name: 'events', options: {}, expected: 'AWS Well-Architected Security Pillar Workshop' },
    { name: 'events', options: { event: 'workshop' }, expected: 'AWS Well-Architected Security Pillar Workshop' },
    { name: 'search', options: { query: 'GuardDuty' }, expected: 'GuardDuty' },
    { name: 'tip', options: {}, expected: 'Security tip of the day' },
  ])('answers /$name $options privately, within limits, with Share and no pings', async ({ name, options, expected }) => {
    const { fake } = await started();

    const handle = fake.slashCommand({ name, options });
    const callback = await fake.waitForCallback(handle);
    const body = callbackBody(callback);

    expect(callback.status).toBe(204);
    expect(callback.at - handle.dispatchedAt).toBeLessThan(3_000);
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    expect(validateMessageBody(body.data)).toEqual([]);
    expect(visibleText(body.data)).toContain(expected);
    const share = buttonIds(body.data).map((id) => decodeActionId(id)).find((decoded) => decoded?.share);
    expect(share?.action.command).toBe(name);
  });

  it('posts a shared answer publicly, saying who shared it in its footer, and pinging nobody', async () => {
    const { fake } = await started();
    const card = callbackBody(await fake.waitForCallback(fake.slashCommand({ name: 'speakers', options: { name: 'thinh lam' } })));
    const share = buttonIds(card.data).find((id) => decodeActionId(id)?.share);

    const shared = callbackBody(await fake.waitForCallback(fake.button({ customId: share ?? '', onPrivateMessage: true })));

    expect(shared.data?.flags ?? 0).not.toBe(EPHEMERAL);
    expect(shared.data?.embeds?.at(-1)?.footer?.text).toContain('Shared by Ada');
    expect(shared.data?.allowed_mentions).toEqual({ parse: [] });
    expect(validateMessageBody(shared.data)).toEqual([]);
  });

  it('answers /speakers name:thinh with both Thinhs', async () => {
    const { fake } = await started();

    const callback = await fake.waitForCallback(fake.slashCommand({ name: 'speakers', options: { name: 'thinh' } }));

    const text = visibleText(callbackBody(callback).data);
    expect(text).toContain('Nguyen Tuan Thinh');
    expect(text).toContain('Thinh Lam');
  });

  it('answers /speakers topic:guardduty with the speakers whose session covered it, and suggests topics as they are typed', async () => {
    const talks = [{ title: 'Session 2: Detection & Continuous Monitoring', speakers: ['Nguyen Tuan Thinh'], pillars: ['detection'], points: ['Enable GuardDuty in every region'] }];
    const { fake } = await started({ bot: (store, logger) => sampleBot(store, logger, sampleLibrary(modelOf(workshopEvent({ talks })))) });

    const text = visibleText(callbackBody(await fake.waitForCallback(fake.slashCommand({ name: 'speakers', options: { topic: 'guardduty' } }))).data);
    expect(text).toContain('Nguyen Tuan Thinh');
    expect(text).toContain('Session 2: Detection & Continuous Monitoring');
    expect(text).not.toContain('Thinh Lam');

    const body = callbackBody(await fake.waitForCallback(fake.autocomplete({ name: 'speakers', options: { topic: 'guard' }, focused: 'topic' })));
    expect(body.data?.choices?.map((choice) => choice.value)).toContain('Amazon GuardDuty');
  });

  it.each(['subscribe', 'unsubscribe'])('answers /%s privately and without a Share button', async (name) => {
    const { fake } = await started();

    const body = callbackBody(await fake.waitForCallback(fake.slashCommand({ name })));

    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(buttonIds(body.data).some((id) => decodeActionId(id)?.share)).toBe(false);
  });

  it('subscribes from a server with the user’s DM channel, where the daily tip will go', async () => {
    const { fake, store } = await started();

    await fake.waitForCallback(fake.slashCommand({ name: 'subscribe', user: { id: '400000000000000077', username: 'grace' } }));

    const opened = fake.calls.find((call) => call.path === '/users/@me/channels');
    expect(opened?.body).toEqual({ recipient_id: '400000000000000077' });
    const subscriptions = await store.listSubscriptions();
    expect(subscriptions).toMatchObject([{ platform: 'discord', userId: '400000000000000077', channelId: '500000000000000077' }]);
  });

  it('answers a command used in the bot’s DMs as a plain message, without Share', async () => {
    const { fake } = await started();

    const body = callbackBody(await fake.waitForCallback(fake.slashCommand({ name: 'pillars', options: { pillar: 'iam' }, guildId: null })));

    expect(body.type).toBe(4);
    expect(body.data?.flags ?? 0).toBe(0);
    expect(buttonIds(body.data).some((id) => decodeActionId(id)?.share)).toBe(false);
    expect(visibleText(body.data)).toContain('least privilege');
  });

  it('keeps mention syntax typed by a user from pinging anyone', async () => {
    const { fake } = await started();

    const body = callbackBody(await fake.waitForCallback(fake.slashCommand({ name: 'search', options: { query: '@everyone <@&987654321> @here' } })));

    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    expect(visibleText(body.data)).not.toMatch(/@(everyone|here)/);
  });
});

describe('Discord autocomplete', () => {
  it('suggests speakers for "thi", ranked by the core, as a type 8 result', async () => {
    const { fake } = await started();

    const callback = await fake.waitForCallback(fake.autocomplete({ name: 'speakers', options: { name: 'thi' }, focused: 'name' }));
    const body = callbackBody(callback);

    expect(body.type).toBe(8);
    const names = body.data?.choices?.map((choice) => choice.name) ?? [];
    expect(names).toEqual(expect.arrayContaining(['Nguyen Tuan Thinh', 'Thinh Lam']));
    expect(names).not.toContain('Tran Duc Anh');
  });

  it('offers at most 25 choices of at most 100 characters from 300 speakers, well inside 3 s', async () => {
    const { fake } = await started({ bot: (store, logger) => sampleBot(store, logger, sampleLibrary(modelOf(hugeEvent()))) });

    const handle = fake.autocomplete({ name: 'speakers', options: { name: 'speaker' }, focused: 'name' });
    const callback = await fake.waitForCallback(handle);
    const choices = callbackBody(callback).data?.choices ?? [];

    expect(callback.status).toBe(204);
    expect(callback.at - handle.dispatchedAt).toBeLessThan(1_000);
    expect(choices).toHaveLength(25);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
  });

  it('suggests events by name', async () => {
    const { fake } = await started();

    const body = callbackBody(await fake.waitForCallback(fake.autocomplete({ name: 'lessons', options: { event: 'security' }, focused: 'event' })));

    // The value is the event's id, which the card is found by, not a report's path.
    expect(body.data?.choices?.map((choice) => choice.value)).toEqual([sampleLibrary(modelOf(workshopEvent())).events[0]?.id]);
  });
});

describe('Discord autocomplete values', () => {
  const stem = 'cohort-2025-first-cloud-journey-internship-program-ho-chi-minh-city-campus-security-day';
  const events = ['iam', 'detection', 'data-protection'].map((topic, index) =>
    workshopEvent({
      id: `4-events/4.${index + 1}-event${index + 1}`,
      key: `4-events/4.${index + 1}-event${index + 1}`,
      source: `4-events/4.${index + 1}-event${index + 1}/_index.md`,
      eventId: `${stem}-${topic}-workshop-and-hands-on-lab`,
      name: `Security Day: ${topic} workshop`,
      date: `2025-0${index + 3}-10`,
      speakers: [],
    }),
  );

  it('picks exactly the suggested event, even when the ids of three events share 90 characters', async () => {
    const { fake } = await started({ bot: (store, logger) => sampleBot(store, logger, sampleLibrary(modelOf(...events))) });

    const body = callbackBody(await fake.waitForCallback(fake.autocomplete({ name: 'events', options: { event: 'security day' }, focused: 'event' })));
    const choices = body.data?.choices ?? [];
    expect(choices).toHaveLength(3);

    for (const choice of choices) {
      expect(choice.value.length).toBeLessThanOrEqual(100);
      expect(choice.value).not.toContain('…');
      const card = callbackBody(await fake.waitForCallback(fake.slashCommand({ name: 'events', options: { event: choice.value } })));
      expect(card.data?.embeds?.[0]).toMatchObject({ title: choice.name.replace(/ \(\d{4}-\d\d-\d\d\)$/, '') });
    }
  });

  it('gives each event of a "3 events match" answer a button that opens exactly that event', async () => {
    const { fake } = await started({ bot: (store, logger) => sampleBot(store, logger, sampleLibrary(modelOf(...events))) });
    const list = callbackBody(await fake.waitForCallback(fake.slashCommand({ name: 'events', options: { event: 'security day' } })));
    const picks = buttonIds(list.data).filter((id) => !decodeActionId(id)?.share);
    expect(picks).toHaveLength(3);

    const titles = [];
    for (const customId of picks) {
      const card = callbackBody(await fake.waitForCallback(fake.button({ customId, onPrivateMessage: true })));
      titles.push((card.data?.embeds?.[0] as { title?: string } | undefined)?.title);
    }
    expect(titles.sort()).toEqual(['Security Day: data-protection workshop', 'Security Day: detection workshop', 'Security Day: iam workshop']);
  });
});

describe('Discord’s 3-second window', () => {
  it('defers a slow answer privately, then edits the deferred reply with it', async () => {
    const { fake } = await started({ bot: (store, logger) => slowBot(sampleBot(store, logger), 2_300) });

    const handle = fake.slashCommand({ name: 'speakers', options: { name: 'thinh' } });
    const deferred = await fake.waitForCallback(handle);
    const edit = await fake.waitFor((call) => call.method === 'PATCH' && call.path === `/webhooks/${fake.appId}/${handle.token}/messages/@original`);

    expect(callbackBody(deferred)).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(deferred.at - handle.dispatchedAt).toBeLessThan(3_000);
    expect(visibleText(edit.body)).toContain('Thinh Lam');
    expect((edit.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    expect(fake.callsFor(handle).filter((call) => call.path === handle.callbackPath)).toHaveLength(1);
  });

  it('replies at once, without deferring, when the answer is quick', async () => {
    const { fake } = await started();

    const handle = fake.slashCommand({ name: 'pillars' });
    await fake.waitForCallback(handle);
    await delay(50);

    expect(fake.callsFor(handle).map((call) => `${call.method} ${callbackBody(call).type}`)).toEqual(['POST 4']);
  });
});

describe('Discord buttons', () => {
  it('shows another tip in place of the private tip it was clicked on', async () => {
    const { fake } = await started();
    const first = callbackBody(await fake.waitForCallback(fake.slashCommand({ name: 'tip' })));
    const another = buttonIds(first.data).find((id) => decodeActionId(id)?.action.variant !== undefined);
    expect(another).toBeDefined();

    const click = fake.button({ customId: another ?? '', onPrivateMessage: true });
    const body = callbackBody(await fake.waitForCallback(click));

    expect(body.type).toBe(7);
    expect(visibleText(body.data)).toContain('Another security tip');
    expect(visibleText(body.data)).not.toEqual(visibleText(first.data));
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers "another tip" on a public post privately instead of rewriting it for everyone', async () => {
    const { fake } = await started();

    const click = fake.button({ customId: encodeActionId({ command: 'tip', args: '', variant: 1 }) });
    const body = callbackBody(await fake.waitForCallback(click));

    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(visibleText(body.data)).toContain('Another security tip');
  });

  it('turns the page of a long private answer in place', async () => {
    const { fake } = await started({ bot: (store, logger) => sampleBot(store, logger, sampleLibrary(modelOf(hugeEvent()))) });
    const first = callbackBody(await fake.waitForCallback(fake.slashCommand({ name: 'speakers' })));
    const next = buttonIds(first.data).find((id) => decodeActionId(id)?.action.page === 2);
    expect(next).toBeDefined();

    const body = callbackBody(await fake.waitForCallback(fake.button({ customId: next ?? '', onPrivateMessage: true })));

    expect(body.type).toBe(7);
    expect(validateMessageBody(body.data)).toEqual([]);
    expect(visibleText(body.data)).not.toEqual(visibleText(first.data));
  });

  it('shares a private answer publicly in the channel, without a Share button of its own', async () => {
    const { fake } = await started();
    const first = callbackBody(await fake.waitForCallback(fake.slashCommand({ name: 'speakers', options: { name: 'thinh' } })));
    const share = buttonIds(first.data).find((id) => decodeActionId(id)?.share);

    const body = callbackBody(await fake.waitForCallback(fake.button({ customId: share ?? '', onPrivateMessage: true })));

    expect(body.type).toBe(4);
    expect(body.data?.flags ?? 0).toBe(0);
    expect(visibleText(body.data)).toContain('Thinh Lam');
    expect(buttonIds(body.data).some((id) => decodeActionId(id)?.share)).toBe(false);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('keeps an answer that is not shareable (a notice, an apology) private when Share is pressed', async () => {
    const { fake } = await started();
    const customId = encodeActionId({ command: 'no-such-command', args: '' }, true);
    const body = callbackBody(await fake.waitForCallback(fake.button({ customId, onPrivateMessage: true })));
    expect(body.type).toBe(4);
    expect((body.data?.flags ?? 0) & 64).toBe(64);
  });

  it('subscribes from a button with a private confirmation', async () => {
    const { fake, store } = await started();

    const body = callbackBody(await fake.waitForCallback(fake.button({ customId: encodeActionId({ command: 'subscribe', args: '' }) })));

    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(await store.isSubscribed('discord', '400000000000000001')).toBe(true);
  });

  it('says how to subscribe instead when Discord refuses to open a DM with the user', async () => {
    const { fake, store } = await started();
    fake.failNext((method, path) => method === 'POST' && path.endsWith('/users/@me/channels'), 403, { message: 'Cannot send messages to this user', code: 50007 });

    const body = callbackBody(await fake.waitForCallback(fake.button({ customId: encodeActionId({ command: 'subscribe', args: '' }) })));

    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(visibleText(body.data)).toContain('Could not subscribe');
    expect(await store.isSubscribed('discord', '400000000000000001')).toBe(false);
  });

  it('greets a new subscriber in their DMs, and refuses the subscription, saying how to fix it, when their DMs are closed', async () => {
    const { fake, store } = await started();
    const dm = '500000000000000001';
    fake.failNext((method, path) => method === 'POST' && path === `/channels/${dm}/messages`, 403, { message: 'Cannot send messages to this user', code: 50007 });

    const refused = callbackBody(await fake.waitForCallback(fake.slashCommand({ name: 'subscribe' })));

    expect(visibleText(refused.data)).toContain("can't send you direct messages");
    expect(visibleText(refused.data)).toContain('Privacy Settings');
    expect(await store.isSubscribed('discord', '400000000000000001')).toBe(false);

    const accepted = callbackBody(await fake.waitForCallback(fake.slashCommand({ name: 'subscribe' })));
    expect(visibleText(accepted.data)).toContain('Subscribed');
    expect(fake.createdMessages.map((message) => message['channel_id'])).toEqual([dm]);
  });

  it('tells the user a button it does not know no longer works', async () => {
    const { fake, records } = await started();

    const body = callbackBody(await fake.waitForCallback(fake.button({ customId: 'someone-elses-button' })));

    expect(body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, content: expect.stringContaining('no longer works') } });
    expect(records.some((record) => record.customId === 'someone-elses-button')).toBe(true);
  });
});

describe('a failing handler', () => {
  it('gets a private apology, and the failure is logged with the command', async () => {
    const { fake, records } = await started({ bot: (store, logger) => throwingBot(sampleBot(store, logger)) });

    const body = callbackBody(await fake.waitForCallback(fake.slashCommand({ name: 'speakers', options: { name: 'thinh' } })));

    expect(body).toEqual({ type: 4, data: expect.objectContaining({ content: APOLOGY, flags: EPHEMERAL, allowed_mentions: { parse: [] } }) });
    const logged = records.find((record) => record.msg === 'discord: interaction failed');
    expect(logged).toMatchObject({ command: 'speakers', platform: 'discord', err: { message: 'handler exploded' } });
  });

  it('replaces the "thinking…" of a deferred answer with the apology, acknowledging only once', async () => {
    const { fake } = await started({ bot: (store, logger) => throwingBot(sampleBot(store, logger), 2_200) });

    const handle = fake.slashCommand({ name: 'lessons' });
    await fake.waitForCallback(handle);
    const edit = await fake.waitFor((call) => call.method === 'PATCH' && call.path.startsWith(`/webhooks/${fake.appId}/${handle.token}`));

    expect(visibleText(edit.body)).toContain(APOLOGY);
    expect(fake.callsFor(handle).filter((call) => call.path === handle.callbackPath)).toHaveLength(1);
  });

  it('withdraws a public "thinking…" and follows up privately when a shared answer fails', async () => {
    const { fake, records } = await started({ bot: (store, logger) => throwingBot(sampleBot(store, logger), 2_200) });

    const handle = fake.button({ customId: encodeActionId({ command: 'pillars', args: 'iam' }, true) });
    const deferred = callbackBody(await fake.waitForCallback(handle));
    const followUp = await fake.waitFor((call) => call.method === 'POST' && call.path === `/webhooks/${fake.appId}/${handle.token}`);

    expect(deferred).toEqual({ type: 5, data: { flags: 0 } });
    expect(fake.callsFor(handle).map((call) => call.method)).toEqual(['POST', 'DELETE', 'POST']);
    expect(followUp.body).toMatchObject({ content: APOLOGY, flags: EPHEMERAL, allowed_mentions: { parse: [] } });
    expect(records.some((record) => record.msg === 'discord: interaction failed' && record.customId !== undefined)).toBe(true);
  });
});

describe('notices on buttons', () => {
  it('answers a rate-limited page click on a private answer with a private notice and leaves the answer as it was', async () => {
    const { fake } = await started({
      bot: (store, logger) => createBot({ library: sampleLibrary(modelOf(hugeEvent())), store, logger, clock: () => new Date('2025-12-01T09:00:00Z'), commandsPerMinute: 1 }),
    });
    const first = callbackBody(await fake.waitForCallback(fake.slashCommand({ name: 'speakers' })));
    const next = buttonIds(first.data).find((id) => decodeActionId(id)?.action.page === 2);

    const body = callbackBody(await fake.waitForCallback(fake.button({ customId: next ?? '', onPrivateMessage: true })));

    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(visibleText(body.data)).toContain('faster than I can keep up');
  });
});

describe('an interaction that can no longer be answered', () => {
  it.each([
    { code: 10062, message: 'Unknown interaction', status: 404 },
    { code: 40060, message: 'Interaction has already been acknowledged.', status: 400 },
  ])('after $code sends no apology that must fail, and logs a warning', async ({ code, message, status }) => {
    const { fake, records } = await started();
    fake.failNext((method, path) => method === 'POST' && path.endsWith('/callback'), status, { message, code });

    const handle = fake.slashCommand({ name: 'tip' });
    await fake.waitForCallback(handle);
    await delay(200);

    expect(fake.callsFor(handle)).toHaveLength(1);
    expect(records.find((record) => record.code === code)).toMatchObject({ level: 40, msg: expect.stringContaining('no apology') });
    expect(records.some((record) => record.msg === 'discord: interaction failed')).toBe(false);
  });
});
