import { formatUsage, type CommandDeclaration } from '../../core/commands.js';
import { translator } from '../../core/i18n.js';
import { ErrorCode, TakeawaysError } from '../../errors.js';

/** Slack's manifest has one language: command names, descriptions and hints stay English; answers follow each user. */
const english = translator('en');
import { listSlashCommands, UMBRELLA_COMMAND } from './slash-commands.js';

/** Bolt's HTTP receiver takes commands, events and interactivity on this one path. */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * The bot scopes the app uses, and why, so an admin reviewing the install sees nothing extra.
 * `chat:write.public` lets the daily tip go to a public channel the bot was not invited to.
 */
export const SLACK_BOT_SCOPES = [
  'app_mentions:read', // app_mention: answer when @-mentioned in a channel
  'chat:write', // replies, DMs, the daily tip
  'chat:write.public', // the daily tip in a public channel without joining it first
  'commands', // the slash commands
  'im:history', // message.im: read direct messages to the bot
  'im:write', // open a DM for the daily tip subscription
  'users:read', // users.info with include_locale: answer each user in their Slack language
] as const;

export const SLACK_BOT_EVENTS = ['app_home_opened', 'app_mention', 'message.im'] as const;

/** Slack's limit for an app's name in a manifest (display_information.name). */
export const MAX_APP_NAME_LENGTH = 35;

/**
 * The request URL for a public base: `https://host` and `https://host/slack/events` both give
 * `https://host/slack/events`, a base under a path keeps it, and a query string stays at the end.
 */
export function slackRequestUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith(SLACK_EVENTS_PATH) ? path : `${path}${SLACK_EVENTS_PATH}`;
  url.hash = '';
  return url.toString();
}

export type ManifestMode = { kind: 'socket' } | { kind: 'http'; baseUrl: string };

export interface ManifestOptions {
  commands: readonly CommandDeclaration[];
  mode: ManifestMode;
  commandPrefix?: string;
  appName?: string;
}

/**
 * A Slack app manifest (api.slack.com/reference/manifests) derived from the command declarations:
 * paste it into "Create New App → From an app manifest" and the app is configured.
 */
export function buildSlackManifest(options: ManifestOptions): Record<string, unknown> {
  const appName = options.appName ?? 'Takeaways';
  if (appName.trim().length === 0 || appName.length > MAX_APP_NAME_LENGTH) {
    throw new TakeawaysError(
      ErrorCode.ConfigInvalid,
      `the app name "${appName}" is ${appName.length} characters; Slack takes 1 to ${MAX_APP_NAME_LENGTH} (give a shorter --name)`,
      { name: appName },
    );
  }
  const requestUrl = options.mode.kind === 'http' ? slackRequestUrl(options.mode.baseUrl) : undefined;
  const withUrl = requestUrl ? { url: requestUrl } : {};
  const slashCommands = listSlashCommands(options.commands, options.commandPrefix ?? '').map((slash) => {
    if (!slash.command) {
      return {
        command: slash.name,
        description: english('slack.umbrellaDescription'),
        usage_hint: `<command> [args]: ${options.commands.map((command) => command.name).join(', ')}`.slice(0, 1_000),
        should_escape: false,
        ...withUrl,
      };
    }
    const usage = formatUsage(slash.command).slice(slash.command.name.length).trim();
    return {
      command: slash.name,
      description: slash.command.description,
      ...(usage ? { usage_hint: usage } : {}),
      should_escape: false,
      ...withUrl,
    };
  });
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: appName,
      description: english('slack.appDescription'),
      background_color: '#232f3e',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: UMBRELLA_COMMAND, always_online: true },
      slash_commands: slashCommands,
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(requestUrl ? { request_url: requestUrl } : {}), bot_events: [...SLACK_BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(requestUrl ? { request_url: requestUrl } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: options.mode.kind === 'socket',
      token_rotation_enabled: false,
    },
  };
}
