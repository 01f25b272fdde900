import { describe, expect, it } from 'vitest';
import { commandDeclarations } from '../../src/core/commands.js';
import { DISCORD_LIMITS, renderDiscordMessage, type DiscordMessage } from '../../src/core/render/discord.js';
import { SLACK_LIMITS, renderSlackMessage, type SlackMessage } from '../../src/core/render/slack.js';
import type { Reply } from '../../src/core/reply.js';
import { hugeEvent, modelOf, workshopEvent } from '../support/sample-model.js';
import { consoleUser, createTestBot } from '../support/test-bot.js';

/** Every text a Slack payload shows, with the object type it sits in. */
function slackTexts(value: unknown, found: { type: string; text: string }[] = []): { type: string; text: string }[] {
  if (Array.isArray(value)) for (const item of value) slackTexts(item, found);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ((record['type'] === 'plain_text' || record['type'] === 'mrkdwn') && typeof record['text'] === 'string') {
      found.push({ type: record['type'], text: record['text'] });
    }
    for (const child of Object.values(record)) slackTexts(child, found);
  }
  return found;
}

function mrkdwnObjects(value: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const item of value) mrkdwnObjects(item, found);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record['type'] === 'mrkdwn') found.push(record);
    for (const child of Object.values(record)) mrkdwnObjects(child, found);
  }
  return found;
}

function checkSlack(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(message.text.length).toBeGreaterThan(0);
  for (const block of message.blocks) {
    const text = block['text'] as { text: string } | undefined;
    if (block['type'] === 'header') expect(text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.header);
    if (block['type'] === 'section' && text) expect(text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (block['type'] === 'section' && block['fields']) expect((block['fields'] as unknown[]).length).toBeLessThanOrEqual(10);
    if (block['type'] === 'actions') {
      for (const element of block['elements'] as { action_id: string; text: { text: string } }[]) {
        expect(element.action_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
        expect(element.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
      }
    }
  }
  // Mentions and links only work in mrkdwn; there they must be escaped.
  for (const { type, text } of slackTexts(message.blocks)) {
    if (type === 'mrkdwn') expect(text).not.toMatch(/<[!@#]|<https?:/);
  }
  // Slack auto-links bare URLs and parses @channel in mrkdwn unless told not to.
  for (const object of mrkdwnObjects(message.blocks)) expect(object['verbatim'], JSON.stringify(object)).toBe(true);
  expect(message.text).not.toMatch(/<[!@#]|<https?:|https?:\/\/|@(channel|here|everyone)\b/);
}

function checkDiscord(message: DiscordMessage): void {
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
  let total = 0;
  for (const embed of message.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
    total += (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
    // Footers are not parsed by Discord (no markdown, no mentions), so only the parsed parts are checked.
    const shown = [embed.title, embed.description, ...(embed.fields ?? []).flatMap((field) => [field.name, field.value])].join('\n');
    expect(shown).not.toMatch(/@(everyone|here)|<@|<#|<!|\]\(/);
  }
  expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  expect(message.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.rows);
  for (const row of message.components) {
    expect(row.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonsPerRow);
    for (const button of row.components) {
      expect(button.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
      expect(button.label.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonLabel);
    }
  }
}

describe('renderers at the limits', () => {
  const { bot } = createTestBot(modelOf(hugeEvent(0), hugeEvent(1)));
  const argumentsFor: Record<string, string[]> = {
    help: ['', 'speakers'],
    speakers: ['', 'speaker', 'speaker 12', 'nobody-at-all'],
    pillars: ['', 'iam', 'data', 'nothing'],
    lessons: ['', '1', 'huge'],
    events: ['', '1', 'huge'],
    search: ['lorem', '@everyone', '<!channel>'],
    tip: ['', '1'],
    subscribe: [''],
    unsubscribe: [''],
    lang: ['', 'fr', 'vi', 'auto'],
  };

  it('has arguments to try for every declared command', () => {
    expect(Object.keys(argumentsFor).sort()).toEqual(commandDeclarations.map((command) => command.name).sort());
  });

  it.each(commandDeclarations.map((command) => command.name))('keeps every page of /%s within Slack and Discord limits, with no ping', async (command) => {
    let checked = 0;
    for (const args of argumentsFor[command] ?? []) {
      let reply: Reply = await bot.run({ command, args, user: consoleUser });
      // Walk every page through the "Next" button, as a user would.
      for (let page = 0; page < 200; page += 1) {
        checkSlack(renderSlackMessage(reply, { shareButton: true }));
        checkDiscord(renderDiscordMessage(reply, { shareButton: true }));
        checked += 1;
        const next = reply.buttons.find((button) => button.label.startsWith('Next'));
        if (!next) break;
        reply = await bot.run({ ...next.action, user: consoleUser });
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('pages through all 300 distinct speakers of two 300-speaker events instead of cutting them', async () => {
    const names = new Set<string>();
    let reply = await bot.run({ command: 'speakers', args: '', user: consoleUser });
    for (let page = 0; page < 500; page += 1) {
      for (const block of reply.blocks) if (block.kind === 'list') for (const item of block.items) names.add(item.split(' — ')[0] ?? '');
      const next = reply.buttons.find((button) => button.label.startsWith('Next'));
      if (!next) break;
      reply = await bot.run({ ...next.action, user: consoleUser });
    }
    expect(names.size).toBe(300);
  });
});

describe('pagination of many short groups', () => {
  it('pages 120 events with a short speaker list each instead of dropping them past Slack\u2019s 50 blocks', async () => {
    const events = Array.from({ length: 120 }, (_, index) =>
      workshopEvent({ id: `e${index}`, key: `e${index}`, source: `e${index}/_index.md`, name: `Meetup ${index}`, speakers: [{ name: `Person ${index}`, role: null, org: null }] }),
    );
    const { bot } = createTestBot(modelOf(...events));
    const seen = new Set<string>();
    let reply: Reply = await bot.run({ command: 'speakers', args: '', user: consoleUser });
    for (let page = 0; page < 50; page += 1) {
      const slack = renderSlackMessage(reply, { shareButton: true });
      checkSlack(slack);
      expect(JSON.stringify(slack.blocks)).not.toContain('shortened');
      for (const block of reply.blocks) if (block.kind === 'list') for (const item of block.items) seen.add(item);
      const next = reply.buttons.find((button) => button.label.startsWith('Next'));
      if (!next) break;
      reply = await bot.run({ ...next.action, user: consoleUser });
    }
    expect(seen.size).toBe(120);
  });
});
