import { describe, expect, it } from 'vitest';
import { commandDeclarations } from '../../src/core/commands.js';
import { renderDiscordMessage } from '../../src/core/render/discord.js';
import { renderSlackMessage } from '../../src/core/render/slack.js';
import { routeText } from '../../src/core/route-text.js';
import { topicOfQuestion } from '../../src/core/who-spoke.js';
import { modelOf, workshopEvent } from '../support/sample-model.js';
import { consoleUser, createTestBot } from '../support/test-bot.js';

const model = modelOf(
  workshopEvent({
    talks: [
      { title: 'Session 2: Detection & Continuous Monitoring', speakers: ['Nguyen Tuan Thinh', 'Nguyen Do Thanh'], pillars: ['detection'], points: ['Enable GuardDuty in every region', 'Aggregate findings in Security Hub'] },
      { title: 'Chuyên gia Data Protection', speakers: ['Thinh Lam'], pillars: ['data'], points: [] },
      { title: 'Level up your AWS Skills with Cloud Quest', speakers: ['Tran Duc Anh'], pillars: [], points: [] },
    ],
  }),
);

describe('questions in plain words', () => {
  it.each([
    ['who spoke about GuardDuty?', 'guardduty'],
    ['Who talked about KMS', 'kms'],
    ['who gave the talk on Cloud Quest?', 'cloud quest'],
    ['which speaker covered detection?', 'detection'],
    ['ai nói về bảo vệ dữ liệu?', 'bao ve du lieu'],
    ['ai trình bày về ứng phó sự cố', 'ung pho su co'],
    ['diễn giả nào nói về GuardDuty', 'guardduty'],
    ['who spoke about', ''],
  ])('reads %j as a question about %j', (question, topic) => {
    expect(topicOfQuestion(question)).toBe(topic);
  });

  it.each([['speakers thinh'], ['what is guardduty'], ['AI in security'], ['hello']])('does not take %j for a "who spoke about" question', (text) => {
    expect(topicOfQuestion(text)).toBeNull();
  });

  it('sends a question typed to the bot, in a DM or after /takeaways or /search, to the speakers of the topic', () => {
    for (const text of ['who spoke about GuardDuty?', '/search who spoke about GuardDuty', '/takeaways ai nói về bảo vệ dữ liệu?']) {
      expect(routeText(text, commandDeclarations).command).toBe('speakers');
    }
    expect(routeText('ai nói về bảo vệ dữ liệu?', commandDeclarations).args).toBe('about bảo vệ dữ liệu');
  });
});

describe('who spoke about X', () => {
  const { bot } = createTestBot(model);
  const ask = (text: string) => {
    const route = routeText(text, commandDeclarations);
    return bot.run({ command: route.command, args: route.args, user: consoleUser });
  };

  it('names the speakers whose session covered a service, with the session and a button to their card', async () => {
    const reply = await ask('who spoke about GuardDuty?');
    expect(reply.title).toBe('2 speakers spoke about "GuardDuty"');
    expect(JSON.stringify(reply.blocks)).toContain('Nguyen Tuan Thinh — Session 2: Detection & Continuous Monitoring');
    expect(JSON.stringify(reply.blocks)).not.toContain('Thinh Lam');
    expect(reply.buttons.map((button) => button.action)).toContainEqual({ command: 'speakers', args: 'Nguyen Tuan Thinh' });
  });

  it('finds the speakers of a pillar named in Vietnamese, and of a service by its pillar', async () => {
    expect(JSON.stringify((await ask('ai nói về bảo vệ dữ liệu?')).blocks)).toContain('Thinh Lam');
    expect(JSON.stringify((await ask('/speakers about KMS')).blocks)).toContain('Thinh Lam');
  });

  it('says when the roles mention it though no talk does, and suggests close talks when nothing does', async () => {
    const byRole = await ask('who spoke about TymeX');
    expect(byRole.title).toBe('No talk about "TymeX"');
    expect(JSON.stringify(byRole.blocks)).toContain('Quang Tinh Truongh');
    const close = await ask('who spoke about cloud quests game');
    expect(close.title).toMatch(/spoke about|Nobody/);
  });

  it.each([
    ['who spoke about'],
    ['who spoke about the'],
    [`who spoke about ${'guardduty'.repeat(22)}`],
    ['who spoke about GuardDuty 和 KMS'],
    ['who spoke about **@everyone** <!channel> [x](https://evil.example)'],
  ])('answers %j helpfully, never with an error or a ping', async (question) => {
    const reply = await ask(question);
    expect(reply.title).not.toMatch(/went wrong/i);
    const slack = renderSlackMessage(reply, { shareButton: true });
    expect(slack.text).not.toMatch(/<!|@everyone|https?:\/\//);
    const discord = renderDiscordMessage(reply, { shareButton: true });
    expect(discord.allowed_mentions).toEqual({ parse: [] });
  });

  it("lists a speaker's talks and the pillars they covered on their card", async () => {
    const card = await bot.run({ command: 'speakers', args: 'Nguyen Tuan Thinh', user: consoleUser });
    expect(JSON.stringify(card.blocks)).toContain('Session 2: Detection & Continuous Monitoring [Detection');
  });
});

describe('who spoke about X when the reports link no speaker to a session', () => {
  it('says so, and points to what the reports say about the topic’s pillar', async () => {
    const { bot } = createTestBot(modelOf(workshopEvent()));
    const reply = await bot.run({ command: 'speakers', args: 'about GuardDuty', user: consoleUser });
    expect(reply.title).toBe('Nobody linked to "GuardDuty"');
    expect(JSON.stringify(reply.blocks)).toContain('not who gave which session');
    expect(JSON.stringify(reply.blocks)).toContain('/pillars detection');
  });
});

describe('a topic as wide as a pillar on a big site', () => {
  it('lists the 25 best-matching speakers and says how many more there are', async () => {
    const events = Array.from({ length: 40 }, (_, index) =>
      workshopEvent({
        id: `events/day-${index}`,
        key: `events/day-${index}`,
        source: `events/day-${index}/_index.md`,
        name: `Security Day ${index}`,
        speakers: [{ name: `Speaker Number${String.fromCharCode(65 + (index % 26))} Day${index}`, role: null, org: null }],
        talks: [{ title: `Detection session ${index}`, speakers: [`Speaker Number${String.fromCharCode(65 + (index % 26))} Day${index}`], pillars: ['detection'], points: ['Enable GuardDuty in every region'] }],
      }),
    );
    const { bot } = createTestBot(modelOf(...events));
    const answer = await bot.run({ command: 'speakers', args: 'about guardduty', user: consoleUser });
    expect(answer.title).toMatch(/^40 speakers/);
    const list = answer.blocks.find((block) => block.kind === 'list');
    expect(list?.kind === 'list' ? list.items.length : 0).toBe(25);
    expect(answer.blocks.some((block) => block.kind === 'context' && block.text.includes('15 more'))).toBe(true);
  });
});
