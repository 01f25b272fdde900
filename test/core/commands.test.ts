import { describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/core/render/plain-text.js';
import type { Reply } from '../../src/core/reply.js';
import { modelOf, workshopEvent } from '../support/sample-model.js';
import { consoleUser, createTestBot } from '../support/test-bot.js';

const textOf = (reply: Reply) => renderPlainText(reply);

describe('speakers', () => {
  const { bot } = createTestBot(modelOf(workshopEvent()));

  it('lists every speaker grouped by event when no name is given', async () => {
    const text = textOf(await bot.run({ command: 'speakers', args: '', user: consoleUser }));
    expect(text).toContain('AWS Well-Architected Security Pillar Workshop');
    expect(text).toContain('Quang Tinh Truongh — AWS Community Builder - Platform Engineer at TymeX');
    expect(text).toContain('Tran Duc Anh — AWS Cloud Club Captain, SGU');
  });

  it.each(['thinh', 'THINH', 'thịnh', 'Thịnh'])('finds both Thinhs for "%s" and lets the user pick', async (query) => {
    const reply = await bot.run({ command: 'speakers', args: query, user: consoleUser });
    const text = textOf(reply);
    expect(text).toContain('Nguyen Tuan Thinh');
    expect(text).toContain('Thinh Lam');
    expect(text).not.toContain('Nguyen Do Thanh');
    expect(reply.buttons.map((button) => button.label)).toEqual(expect.arrayContaining(['Nguyen Tuan Thinh', 'Thinh Lam']));
  });

  it('finds a name written with Vietnamese diacritics from plain letters', async () => {
    const text = textOf(await bot.run({ command: 'speakers', args: 'huong', user: consoleUser }));
    expect(text).toContain('Đặng Thị Hương');
    expect(text).toContain('Security Engineer');
  });

  it('shows one card when a single speaker matches', async () => {
    const reply = await bot.run({ command: 'speakers', args: 'quang tinh', user: consoleUser });
    expect(reply.title).toBe('Quang Tinh Truongh');
    expect(textOf(reply)).toContain('Organisation: TymeX');
  });

  it('suggests close names when nothing matches', async () => {
    const text = textOf(await bot.run({ command: 'speakers', args: 'thinn', user: consoleUser }));
    expect(text).toContain('Did you mean');
    expect(text).toMatch(/Thinh/);
  });
});

describe('pillars', () => {
  const { bot } = createTestBot(modelOf(workshopEvent()));

  it('lists the five pillars with their descriptions', async () => {
    const reply = await bot.run({ command: 'pillars', args: '', user: consoleUser });
    const list = reply.blocks.find((block) => block.kind === 'list');
    expect(list?.kind === 'list' && list.items).toHaveLength(5);
  });

  it.each(['iam', 'identity', '1', 'IAM', 'identity & access management'])('finds the IAM pillar from "%s"', async (query) => {
    const reply = await bot.run({ command: 'pillars', args: query, user: consoleUser });
    expect(reply.title).toMatch(/^Pillar 1/);
    expect(textOf(reply)).toContain('Apply least privilege');
  });

  it('answers data protection through related points and names the services', async () => {
    const text = textOf(await bot.run({ command: 'pillars', args: 'data protection', user: consoleUser }));
    expect(text).toContain('KMS');
    expect(text).toContain('Secrets Manager');
  });

  it('lists the pillars when the one asked for does not exist', async () => {
    const reply = await bot.run({ command: 'pillars', args: 'quantum', user: consoleUser });
    expect(reply.title).toBe('No such pillar');
    expect(textOf(reply)).toContain('(iam)');
  });
});

describe('events, lessons, search', () => {
  const second = workshopEvent({ id: 'devops', key: 'devops', source: 'devops/_index.md', name: 'DevOps on AWS', date: '2025-12-06', lessons: ['Automate the pipeline'], speakers: [{ name: 'Lan Pham', role: 'DevOps Engineer', org: null }] });
  const { bot } = createTestBot(modelOf(workshopEvent(), second));

  it('lists every event, then shows one as a card', async () => {
    expect(textOf(await bot.run({ command: 'events', args: '', user: consoleUser }))).toMatch(/1\. AWS Well-Architected.*\n.*2\. DevOps on AWS/);
    const card = await bot.run({ command: 'events', args: 'devops', user: consoleUser });
    expect(card.title).toBe('DevOps on AWS');
    expect(textOf(card)).toContain('Lan Pham — DevOps Engineer');
    expect(textOf(card)).toContain('Automate the pipeline');
  });

  it('gives the lessons of every event, or of one', async () => {
    const all = textOf(await bot.run({ command: 'lessons', args: '', user: consoleUser }));
    expect(all).toContain('Security must start from architecture');
    expect(all).toContain('Automate the pipeline');
    const one = textOf(await bot.run({ command: 'lessons', args: '2', user: consoleUser }));
    expect(one).toContain('Automate the pipeline');
    expect(one).not.toContain('Security must start from architecture');
  });

  it('ranks search results over speakers, highlights and lessons', async () => {
    const text = textOf(await bot.run({ command: 'search', args: 'guardduty', user: consoleUser }));
    expect(text).toContain('Highlight: Detect threats with GuardDuty');
    const none = await bot.run({ command: 'search', args: 'kubernetesxyz', user: consoleUser });
    expect(none.title).toBe('Nothing found');
  });
});

describe('bad input', () => {
  const { bot, logs } = createTestBot(modelOf(workshopEvent()));

  it('answers an unknown command with a pointer to help', async () => {
    const reply = await bot.routeText('/speekers', consoleUser);
    expect(reply.title).toBe('Unknown command');
    expect(textOf(reply)).toContain('/speakers');
  });

  it('answers empty text and greetings with help', async () => {
    for (const text of ['', '   ', 'hello', 'Hi!', 'help', 'xin chào']) {
      expect((await bot.routeText(text, consoleUser)).title).toBe('Workshop takeaways');
    }
  });

  it('cuts a 10,000-character argument and says so', async () => {
    const reply = await bot.run({ command: 'search', args: 'security '.repeat(1_200), user: consoleUser });
    expect(textOf(reply)).toContain('shortened to 200 characters');
  });

  it('drops control characters from arguments', async () => {
    const reply = await bot.run({ command: 'speakers', args: 'thi\u0000n\u001bh\u202e', user: consoleUser });
    expect(textOf(reply)).toContain('Thinh Lam');
  });

  it('turns a throwing handler into a private apology and logs command and platform', async () => {
    const broken = createTestBot(modelOf(workshopEvent()));
    broken.library.findSpeakers = () => {
      throw new Error('index exploded');
    };
    const reply = await broken.bot.run({ command: 'speakers', args: 'thinh', user: { platform: 'slack', id: 'U1' } });
    expect(reply.ephemeral).toBe(true);
    expect(textOf(reply)).not.toContain('index exploded');
    expect(broken.logs()).toContainEqual(expect.objectContaining({ command: 'speakers', platform: 'slack', msg: 'command failed' }));
    expect(logs()).toEqual([]);
  });
});

describe('subscriptions', () => {
  it('sends the daily tip to the DM the platform opens, never to the channel the command was typed in', async () => {
    const { bot, store } = createTestBot(modelOf(workshopEvent()));
    const user = { platform: 'slack' as const, id: 'U1', channelId: 'C0GENERAL', openDirectChannel: async () => 'D0U1' };
    expect((await bot.routeText('subscribe', user)).title).toBe('Subscribed');
    expect(await store.listSubscriptions()).toEqual([expect.objectContaining({ userId: 'U1', channelId: 'D0U1' })]);
  });

  it('does not subscribe when no DM can be opened, and says how to', async () => {
    const { bot, store } = createTestBot(modelOf(workshopEvent()));
    const reply = await bot.run({ command: 'subscribe', args: '', user: { platform: 'slack', id: 'U2', channelId: 'C0GENERAL', openDirectChannel: async () => undefined } });
    expect(reply.title).toBe('Could not subscribe');
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('subscribes and unsubscribes a user in the store', async () => {
    const { bot, store } = createTestBot(modelOf(workshopEvent()));
    const user = { platform: 'discord' as const, id: '42', channelId: 'dm-42', dmChannelId: 'dm-42' };
    expect((await bot.run({ command: 'subscribe', args: '', user })).title).toBe('Subscribed');
    expect((await bot.run({ command: 'subscribe', args: '', user })).title).toBe('Already subscribed');
    expect(await store.listSubscriptions()).toEqual([expect.objectContaining({ platform: 'discord', userId: '42', channelId: 'dm-42' })]);
    expect((await bot.routeText('unsubscribe', user)).title).toBe('Unsubscribed');
    expect(await store.isSubscribed('discord', '42')).toBe(false);
  });
});

describe('languages', () => {
  it('answers from the twin in CONTENT_LANG and never lists an event twice', async () => {
    const english = workshopEvent();
    const vietnamese = workshopEvent({ id: `${english.key}.vi`, lang: 'vi', name: 'Hội thảo Bảo mật', lessons: ['Bảo mật phải bắt đầu từ kiến trúc'] });
    const inEnglish = createTestBot(modelOf(english, vietnamese));
    const inVietnamese = createTestBot(modelOf(english, vietnamese), { lang: 'vi' });
    expect(inEnglish.library.events).toHaveLength(1);
    expect(textOf(await inEnglish.bot.run({ command: 'events', args: '', user: consoleUser }))).not.toContain('Hội thảo');
    expect(textOf(await inVietnamese.bot.run({ command: 'lessons', args: '', user: consoleUser }))).toContain('Bảo mật phải bắt đầu');
  });
});

describe('takeaways standing in for lessons', () => {
  const { bot } = createTestBot(modelOf(workshopEvent({ lessons: ['Automate the first response.'], lessonsFrom: 'takeaways' })));

  it('marks a report whose lessons are its takeaways, in /lessons and on its card', async () => {
    const lessons = textOf(await bot.run({ command: 'lessons', args: '', user: consoleUser }));
    expect(lessons).toContain('AWS Well-Architected Security Pillar Workshop (takeaways)');
    expect(lessons).toContain('Automate the first response.');
    const card = textOf(await bot.run({ command: 'events', args: 'well-architected', user: consoleUser }));
    expect(card).toContain('Key takeaways');
    expect(card).not.toContain('Lessons learned');
  });
});
