import type { Bot, BotUser } from '../../core/bot-api.js';
import { describeCommand, formatUsage } from '../../core/commands.js';
import { translator, type Translator } from '../../core/i18n.js';
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
  const language = await bot.languageOf(user);
  const t = translator(language);
  const [events, tip, subscribed] = await Promise.all([
    bot.run({ command: 'events', args: '', user, via: 'home' }),
    bot.tipOfTheDay(now, 'slack:home', language),
    store.isSubscribed('slack', user.id),
  ]);
  // Over the Home's own bound: the Home shown stays as it was rather than become a notice.
  if (events.notice) return null;
  const umbrella = slashCommands[0]?.name ?? '/takeaways';
  const blocks: SlackBlock[] = [
    { type: 'header', text: plainText(t('slack.home.title')) },
    section(t('slack.home.intro', { command: `${umbrella} &lt;command&gt;` })),
    { type: 'divider' },
    ...withoutActions(renderOutgoingMessage({ ...events, ephemeral: false }).blocks).slice(0, MAX_EVENTS_BLOCKS),
    { type: 'divider' },
    { type: 'header', text: plainText(t('slack.home.todaysTip')) },
    ...withoutActions(renderOutgoingMessage({ ...tip, title: undefined, ephemeral: false }).blocks).slice(0, MAX_TIP_BLOCKS),
    { type: 'divider' },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: subscribed ? t('slack.home.dailyTipOn') : t('slack.home.dailyTipOff'), verbatim: true },
      accessory: subscribed
        ? { type: 'button', text: plainText(t('subscription.unsubscribeButton')), action_id: encodeActionId({ command: 'unsubscribe', args: '' }) }
        : { type: 'button', text: plainText(t('subscription.subscribeButton')), style: 'primary', action_id: encodeActionId({ command: 'subscribe', args: '' }) },
    },
    { type: 'divider' },
    { type: 'header', text: plainText(t('slack.home.commands')) },
    section(describeCommands(bot, slashCommands, t)),
  ];
  // The Home tab passes the same last no-mention check as every message.
  return { type: 'home', blocks: withoutPings({ text: '', blocks: blocks.slice(0, MAX_HOME_BLOCKS) }).blocks };
}

function describeCommands(bot: Bot, slashCommands: readonly SlashCommand[], t: Translator): string {
  const umbrella = slashCommands[0]?.name ?? '/takeaways';
  const own = new Map(slashCommands.filter((slash) => slash.command).map((slash) => [slash.command?.name, slash.name]));
  return bot.commands
    .map((declaration) => {
      // Usage hints hold `<query>`, which mrkdwn would read as a link: escape the angle brackets.
      const usage = `${umbrella} ${escapeSlackFallback(formatUsage(declaration))}`;
      const shortcut = own.get(declaration.name);
      const description = escapeSlackMrkdwn(describeCommand(declaration, t));
      return shortcut ? t('slack.home.commandLineShortcut', { usage, shortcut, description }) : t('slack.home.commandLine', { usage, description });
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
