import type { PlatformName } from '../store/store.js';
import type { CommandSyntax } from './command-syntax.js';
import type { CommandDeclaration, SuggestionSource } from './commands.js';
import type { Language } from './i18n.js';
import type { DecodedAction } from './render/action-id.js';
import type { Reply, ReplyAction } from './reply.js';

/** Who is asking, as the platform knows them. */
export interface BotUser {
  platform: PlatformName;
  id: string;
  name?: string;
  /** The channel the user wrote in, where a reply goes. */
  channelId?: string;
  /** The user's direct-message channel with the bot, when the platform already knows it (the message came from it). */
  dmChannelId?: string;
  /** Opens (or finds) the user's direct-message channel; called only when a command needs it (subscribe). */
  openDirectChannel?: () => Promise<string | undefined>;
  /**
   * Sends a first direct message to a new subscriber (where their daily tip will arrive); false when the platform
   * says the user's direct messages are closed to the bot, so the subscription is refused with how to open them.
   */
  greetSubscriber?: (channelId: string) => Promise<boolean>;
  /** How this user types commands where they asked (help and hints are written in it); the plain form by default. */
  syntax?: CommandSyntax;
  /** The language of the user's app as the platform says it (`vi`, `en-US`, `vi_VN.UTF-8`): used unless they chose one. */
  locale?: string;
  /** Asks the platform for the user's locale when it is not in the request (Slack's users.info); called only when needed. */
  lookUpLocale?: () => Promise<string | undefined>;
  /** A language chosen for this session only (the console's `--lang`): wins over the stored choice and the locale. */
  language?: string;
}

export interface CommandRequest extends ReplyAction {
  user: BotUser;
  /**
   * `home`: rendering a home screen (Slack's App Home) or pressing its buttons. It is bounded on its own, wider
   * allowance, so opening the Home never uses up the user's commands; over it, the answer is a notice.
   */
  via?: 'home';
}

export interface Suggestion {
  /** Shown to the user. */
  name: string;
  /** Passed back as the option value. */
  value: string;
}

/**
 * The platform-neutral bot: every platform translates its input into these calls and renders the Reply.
 * `run`, `routeText` and `suggest` never throw: a failing handler becomes a short private apology, logged
 * with command and platform. `tipOfTheDay` does throw when the tip cannot be worked out (the store failed),
 * so a scheduler can tell a post that was never sent from one that failed on the way.
 */
export interface Bot {
  readonly commands: readonly CommandDeclaration[];
  /** Runs a command (a slash command, a console line, a button's action). */
  run(request: CommandRequest): Promise<Reply>;
  /** Routes free text (a direct message, a console line, a mention) to a command, else to search. */
  routeText(text: string, user: BotUser): Promise<Reply>;
  /** Ranked suggestions for an option (Discord autocomplete): at most `limit`, default 25. */
  suggest(source: SuggestionSource, partial: string, limit?: number, language?: Language): Suggestion[];
  /** The language this user is answered in (their choice, their locale, the default); never throws. */
  languageOf(user: BotUser): Promise<Language>;
  /** `BOT_LANG`: the language of a scheduled post with no language of its own. */
  readonly defaultLanguage: Language;
  /**
   * The tip the schedule posts for this date and target (e.g. `slack:C123`), as a public reply, in `language`
   * (default: the bot's).
   * Async because the rotation is kept in the store, so every target and the `tip` command agree.
   */
  tipOfTheDay(date: Date, target: string, language?: Language): Promise<Reply>;
  /**
   * What a button of the bot asks for, from its id (Slack action_id, Discord custom_id): a long argument travels
   * as a digest the bot kept when it made the button, looked up here. Null for an id that is not the bot's, or
   * whose argument is no longer known (the state store was emptied): the platform says the button is stale.
   */
  resolveButton(id: string): Promise<DecodedAction | null>;
}
