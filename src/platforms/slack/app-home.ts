import type { Bot, BotUser } from '../../core/bot-api.js';
import { formatUsage } from '../../core/commands.js';
import { encodeActionId } from '../../core/render/action-id.js';
import { escapeSlackFallback, escapeSlackMrkdwn } from '../../core/render/escape.js';
import type { SlackBlock } from '../../core/render/slack.js';
import { renderOutgoingMessage } from './slack-message.js';
import { withoutPings } from './without-pings.js';
import type { Store } from '../../store/store.js';
import type { SlashCommand } from './slash-commands.js';

/** Slack's limit for a Home tab view. */
const MAX_HOME_BLOCKS = 100;
/** Room kept for each embedded answer, so the commands and the toggle always fit. */
const MAX_EVENTS_BLOCKS = 45;
const MAX_TIP_BLOCKS = 15;

export interface HomeView {
  type: 'home';
  blocks: SlackBlock[];
}

export interface HomeViewInput {
  bot: Bot;
  store: Store;
  user: BotUser;
  now: Date;
  slashCommands: readonly SlashCommand[];
}

/**
 * The App Home tab: the events at a glance, today's tip, the commands, and the daily-tip toggle.
 * Buttons of the embedded answers are left out: a Home tab has no message to page in place.
 * Null when the user opened it more often than its bound allows: the Home shown stays as it was.
 */
export async function buildHomeView({ bot, store, user, now, slashCommands }: HomeViewInput): Promise<HomeView | null> {
  const [events, tip, subscribed] = await Promise.all([
    bot.run({ command: 'events', args: '', user, via: 'home' }),
    bot.tipOfTheDay(now, 'slack:home'),
    store.isSubscribed('slack', user.id),
  ]);
  // Over the Home's own bound: the Home shown stays as it was rather than become a notice.
  if (events.notice) return null;
  const umbrella = slashCommands[0]?.name ?? '/takeaways';
  const blocks: SlackBlock[] = [
    { type: 'header', text: plainText('Workshop takeaways') },
    section(`Ask me with \`${umbrella} &lt;command&gt;\` anywhere, or just write to me in the Messages tab.`),
    { type: 'divider' },
    ...withoutActions(renderOutgoingMessage({ ...events, ephemeral: false }).blocks).slice(0, MAX_EVENTS_BLOCKS),
    { type: 'divider' },
    { type: 'header', text: plainText("Today's tip") },
    ...withoutActions(renderOutgoingMessage({ ...tip, title: undefined, ephemeral: false }).blocks).slice(0, MAX_TIP_BLOCKS),
    { type: 'divider' },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: subscribed ? '*Daily tip by DM:* on' : '*Daily tip by DM:* off', verbatim: true },
      accessory: subscribed
        ? { type: 'button', text: plainText('Unsubscribe'), action_id: encodeActionId({ command: 'unsubscribe', args: '' }) }
        : { type: 'button', text: plainText('Subscribe'), style: 'primary', action_id: encodeActionId({ command: 'subscribe', args: '' }) },
    },
    { type: 'divider' },
    { type: 'header', text: plainText('Commands') },
    section(describeCommands(bot, slashCommands)),
  ];
  // The Home tab passes the same last no-mention check as every message.
  return { type: 'home', blocks: withoutPings({ text: '', blocks: blocks.slice(0, MAX_HOME_BLOCKS) }).blocks };
}

function describeCommands(bot: Bot, slashCommands: readonly SlashCommand[]): string {
  const umbrella = slashCommands[0]?.name ?? '/takeaways';
  const own = new Map(slashCommands.filter((slash) => slash.command).map((slash) => [slash.command?.name, slash.name]));
  return bot.commands
    .map((declaration) => {
      // Usage hints hold `<query>`, which mrkdwn would read as a link: escape the angle brackets.
      const usage = escapeSlackFallback(formatUsage(declaration));
      const shortcut = own.get(declaration.name);
      const also = shortcut ? ` (or \`${shortcut}\`)` : '';
      return `\`${umbrella} ${usage}\`${also}: ${escapeSlackMrkdwn(declaration.description)}`;
    })
    .join('\n');
}

function withoutActions(blocks: SlackBlock[]): SlackBlock[] {
  return blocks.filter((block) => block['type'] !== 'actions');
}

function plainText(text: string) {
  return { type: 'plain_text', text, emoji: false };
}

function section(mrkdwn: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: mrkdwn.slice(0, 3_000), verbatim: true } };
}
