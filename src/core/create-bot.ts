import { ErrorCode, isTakeawaysError, TakeawaysError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { Bot, BotUser, CommandRequest, Suggestion } from './bot-api.js';
import type { CommandContext, CommandHandler } from './command-context.js';
import { plainSyntax, rewriteCommandHints, type CommandSyntax } from './command-syntax.js';
import { commandDeclarations, indexCommands, type CommandDeclaration, type SuggestionSource } from './commands.js';
import { handleEvents } from './handlers/events.js';
import { handleHelp } from './handlers/help.js';
import { handleLang } from './handlers/lang.js';
import { handleLessons } from './handlers/lessons.js';
import { handlePillars } from './handlers/pillars.js';
import { handleSearch } from './handlers/search.js';
import { handleSpeakers } from './handlers/speakers.js';
import { handleSubscribe, handleUnsubscribe } from './handlers/subscription.js';
import { handleTip, tipOfTheDayReply } from './handlers/tip.js';
import { foldText } from '../content/text.js';
import type { Library, LibraryEvent } from './library.js';
import { paginateReply } from './paginate.js';
import { decodeActionId, longArgumentsOf } from './render/action-id.js';
import { reply, type Reply } from './reply.js';
import { routeText } from './route-text.js';
import { cleanArgument, MAX_ARGUMENT_LENGTH } from './sanitize.js';
import { describeEvent, pillarName } from './handlers/format.js';
import { chooseLanguage, DEFAULT_LANGUAGE, languageName, LANGUAGES, translator, type Language, type LanguageChoice, type Translator } from './i18n.js';
import { RateLimiter } from './rate-limiter.js';
import { dayInZone } from './tips.js';
import { WorkTracker } from './work-tracker.js';

/** The handler of each declared command; a declaration without a handler fails at start-up. */
const HANDLERS: Readonly<Record<string, CommandHandler>> = {
  help: handleHelp,
  speakers: handleSpeakers,
  pillars: handlePillars,
  lessons: handleLessons,
  events: handleEvents,
  search: handleSearch,
  tip: handleTip,
  subscribe: handleSubscribe,
  unsubscribe: handleUnsubscribe,
  lang: handleLang,
};

/**
 * Answers that depend only on the content, the request and the day are kept per library (it is immutable).
 * A day's tip is fixed once recorded, so `tip` is kept per calendar day.
 */
const CACHEABLE = new Set(['help', 'speakers', 'pillars', 'lessons', 'events', 'search', 'tip']);
const CACHE_SIZE = 500;
/** The least a user may open or use a home screen a minute, whatever the command limit. */
const HOME_RENDERS_PER_MINUTE = 20;
/** Where a button's argument too long for its id is kept, by digest, so any replica can resolve the button. */
const BUTTON_ARGUMENT_KEY = 'button-args:';

export interface BotOptions {
  /** The current content; a function so a reload can swap it without restarting the bot. */
  library: Library | (() => Library);
  store: Store;
  logger: Logger;
  clock?: () => Date;
  /** IANA zone that decides which calendar day a tip belongs to. */
  timeZone?: string;
  commands?: readonly CommandDeclaration[];
  /** Commands a user may run a minute on chat platforms (the console is not limited). Unset: no limit. */
  commandsPerMinute?: number;
  /** Told about every answer, for metrics: which command, where, how long, how it ended. */
  onAnswered?: (event: AnswerEvent) => void;
  /** `BOT_LANG`: the language of a user who chose none and whose app's locale the bot does not speak. */
  defaultLanguage?: Language;
}

export interface AnswerEvent {
  command: string;
  platform: string;
  seconds: number;
  outcome: 'ok' | 'error' | 'rate_limited';
}

/** The bot plus what the process around it needs: a way to wait for answers in flight at shutdown. */
export interface ManagedBot extends Bot {
  /** Resolves true once no answer is in flight, or false when `timeoutMs` passes first. */
  whenIdle(timeoutMs: number): Promise<boolean>;
}

export function createBot(options: BotOptions): ManagedBot {
  const commands = options.commands ?? commandDeclarations;
  const byName = indexCommands(commands);
  for (const command of commands) {
    if (!HANDLERS[command.name]) {
      throw new TakeawaysError(ErrorCode.CommandWithoutHandler, `command "${command.name}" is declared but has no handler`, { command: command.name });
    }
  }
  const getLibrary = typeof options.library === 'function' ? options.library : () => options.library as Library;
  const clock = options.clock ?? (() => new Date());
  const timeZone = options.timeZone ?? 'UTC';
  const defaultLanguage = options.defaultLanguage ?? DEFAULT_LANGUAGE;
  const caches = new WeakMap<Library, Map<string, Reply>>();
  const limiter = options.commandsPerMinute ? new RateLimiter(options.commandsPerMinute, () => clock().getTime()) : undefined;
  // A Home render asks for several answers at once and is opened at will: its own, wider bound.
  const homeLimiter = options.commandsPerMinute ? new RateLimiter(Math.max(HOME_RENDERS_PER_MINUTE, options.commandsPerMinute * 3), () => clock().getTime()) : undefined;
  const work = new WorkTracker();
  /** Digests already written to the store by this process: a repeated answer costs no write. */
  const keptArguments = new Set<string>();

  /** Keeps the arguments of the reply's buttons that do not fit in an id; a store failure only makes those buttons stale. */
  async function keepLongArguments(answered: Reply): Promise<void> {
    for (const { digest, args } of longArgumentsOf(answered)) {
      if (keptArguments.has(digest)) continue;
      try {
        await options.store.setValue(`${BUTTON_ARGUMENT_KEY}${digest}`, args);
        keptArguments.add(digest);
      } catch (error) {
        options.logger.warn({ err: error, digest }, 'could not keep a button argument; that button will say it no longer works');
      }
    }
  }

  /**
   * The user's language: a session's own (`--lang`), else the one they chose with `/lang` (kept in the store), else
   * their app's locale, else BOT_LANG. A store that does not answer only skips the stored choice.
   */
  async function languageChoiceOf(user: BotUser): Promise<LanguageChoice> {
    let chosen = user.language ?? null;
    if (chosen === null) {
      try {
        chosen = await options.store.getLanguage(user.platform, user.id);
      } catch (error) {
        options.logger.warn({ err: error, platform: user.platform }, "could not read the user's language from the state store; using their app's");
      }
    }
    let locale = user.locale ?? null;
    if (chosen === null && locale === null && user.lookUpLocale) {
      try {
        locale = (await user.lookUpLocale()) ?? null;
      } catch (error) {
        options.logger.warn({ err: error, platform: user.platform }, "could not look up the user's locale; using the default language");
      }
    }
    return chooseLanguage({ chosen, locale, fallback: defaultLanguage });
  }

  /** The kept answers of one library (and language view of it). */
  function cacheOf(library: Library): Map<string, Reply> {
    let cache = caches.get(library);
    if (!cache) {
      cache = new Map<string, Reply>();
      caches.set(library, cache);
    }
    return cache;
  }

  async function answer(request: CommandRequest, language: LanguageChoice): Promise<Reply> {
    const declaration = byName.get(request.command);
    const syntax = request.user.syntax ?? plainSyntax;
    if (!declaration) return { ...unknownCommand(request.command, commands, syntax, translator(language.language)), language: language.language };
    const library = getLibrary().inLanguage(language.language);
    const argument = cleanArgument(request.args);
    const now = clock();
    // Answers that depend only on the content and the request are kept, so a repeated question is answered
    // with the very same Reply object (which also lets a platform reuse its rendering). Most questions are
    // repeats, so the kept answer is looked up before anything is made for the handler.
    const cache = CACHEABLE.has(declaration.name) ? cacheOf(library) : undefined;
    const day = declaration.name === 'tip' ? dayInZone(now, timeZone) : '';
    const key = `${declaration.name}\u0000${argument.value}\u0000${request.page ?? ''}\u0000${request.variant ?? ''}\u0000${day}\u0000${syntax.id}\u0000${language.language}`;
    const cached = cache?.get(key);
    if (cached) return cached;

    const t = translator(language.language);
    const action = { ...request, args: argument.value };
    const context: CommandContext = {
      library,
      commands,
      args: argument.value,
      action: { command: request.command, args: argument.value, ...(request.page ? { page: request.page } : {}), ...(request.variant ? { variant: request.variant } : {}) },
      user: request.user,
      syntax,
      now,
      timeZone,
      store: options.store,
      t,
      language,
      defaultLanguage,
    };
    const handled = await (HANDLERS[declaration.name] as CommandHandler)(context);
    // A reply says which language it is in (`/lang vi` answers in the language just chosen), for the renderers' own words.
    const full = inSyntax({ ...handled, language: handled.language ?? language.language }, commands, syntax);
    let page = paginateReply(full, { command: action.command, args: action.args, ...(action.variant ? { variant: action.variant } : {}), ...(action.page ? { page: action.page } : {}) }, translator(full.language ?? language.language));
    if (declaration.lookup) page = { ...page, ephemeral: true, share: context.action };
    if (argument.truncated) {
      page = { ...page, blocks: [...page.blocks, { kind: 'context', text: t('bot.shortened', { max: MAX_ARGUMENT_LENGTH }) }] };
    }
    await keepLongArguments(page);
    if (cache) {
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(key, page);
    }
    return page;
  }

  /** Tells `onAnswered` how a request ended and how long it took since `started` (a performance.now() time). */
  function report(request: CommandRequest, started: number, outcome: AnswerEvent['outcome']): void {
    options.onAnswered?.({ command: byName.has(request.command) ? request.command : 'unknown', platform: request.user.platform, seconds: (performance.now() - started) / 1_000, outcome });
  }

  async function run(request: CommandRequest): Promise<Reply> {
    const started = performance.now();
    const bucket = request.via === 'home' ? homeLimiter : limiter;
    const wait = request.user.platform === 'console' ? 0 : (bucket?.take(`${request.user.platform}:${request.user.id}`) ?? 0);
    if (wait > 0) {
      report(request, started, 'rate_limited');
      const { language } = await languageChoiceOf(request.user);
      const t = translator(language);
      return reply({
        language,
        title: t('bot.slowDown.title'),
        blocks: [{ kind: 'paragraph', text: t('bot.slowDown.text', { count: wait }) }],
        ephemeral: true,
        notice: true,
      });
    }
    return work.track(answerSafely(request, started));
  }

  async function answerSafely(request: CommandRequest, started: number): Promise<Reply> {
    const language = await languageChoiceOf(request.user);
    const t = translator(language.language);
    try {
      const answered = await answer(request, language);
      report(request, started, 'ok');
      return answered;
    } catch (error) {
      if (isTakeawaysError(error, ErrorCode.StoreUnavailable)) {
        options.logger.warn({ err: error, command: request.command, platform: request.user.platform }, 'command needs the state store, which did not answer in time');
        report(request, started, 'error');
        return storeUnavailable(t);
      }
      options.logger.error({ err: error, command: request.command, platform: request.user.platform }, 'command failed');
      report(request, started, 'error');
      return reply({ language: t.language, title: t('bot.failed.title'), blocks: [{ kind: 'paragraph', text: t('bot.failed.text') }], ephemeral: true, notice: true });
    }
  }

  return {
    commands,
    defaultLanguage,
    run,
    async languageOf(user: BotUser) {
      return (await languageChoiceOf(user)).language;
    },
    whenIdle: (timeoutMs: number) => work.drain(timeoutMs),
    async routeText(text: string, user: BotUser) {
      const route = routeText(text, commands);
      return run({ command: route.command, args: route.args, user });
    },
    async resolveButton(id: string) {
      const decoded = decodeActionId(id);
      if (!decoded?.argsDigest) return decoded;
      try {
        const args = await options.store.getValue(`${BUTTON_ARGUMENT_KEY}${decoded.argsDigest}`);
        if (args === null) return null;
        const { argsDigest: _digest, ...rest } = decoded;
        return { ...rest, action: { ...decoded.action, args } };
      } catch (error) {
        options.logger.warn({ err: error, id }, 'could not look up a button argument');
        return null;
      }
    },
    suggest(source: SuggestionSource, partial: string, limit = 25, language: Language = defaultLanguage): Suggestion[] {
      try {
        return suggest(getLibrary().inLanguage(language), source, cleanArgument(partial).value, Math.min(limit, 25), translator(language));
      } catch (error) {
        options.logger.error({ err: error, source }, 'suggestions failed');
        return [];
      }
    },
    async tipOfTheDay(date: Date, target: string, language: Language = defaultLanguage) {
      try {
        // A slot posts the same tip to every target of a language: once a day has come (and its tip is recorded),
        // the reply is kept, so a thousand subscribers cost one read of the rotation, not a thousand.
        const base = getLibrary();
        const library = base.inLanguage(language);
        const now = clock();
        const day = dayInZone(date, timeZone);
        const cache = cacheOf(library);
        const key = `tipOfTheDay\u0000${day}`;
        const cached = cache.get(key);
        if (cached) return cached;
        const answer = { ...(await tipOfTheDayReply(library, { store: options.store, timeZone, now, t: translator(language) }, date)), language };
        if (day <= dayInZone(now, timeZone)) cache.set(key, answer);
        return answer;
      } catch (error) {
        options.logger.error({ err: error, target }, 'tip of the day failed');
        throw error;
      }
    },
  };
}

/** Subscriptions and the tip rotation live in the store; every other answer goes on while it is busy or down. */
function storeUnavailable(t: Translator): Reply {
  return reply({
    language: t.language,
    title: t('bot.storeUnavailable.title'),
    blocks: [
      { kind: 'paragraph', text: t('bot.storeUnavailable.text') },
      { kind: 'context', text: t('bot.storeUnavailable.context') },
    ],
    ephemeral: true,
    notice: true,
  });
}

function unknownCommand(name: string, commands: readonly CommandDeclaration[], syntax: CommandSyntax, t: Translator): Reply {
  const close = commands.filter((command) => command.name.startsWith(name.slice(0, 2).toLowerCase())).map((command) => syntax.invocation(command));
  const help = commands.find((command) => command.name === 'help');
  const shown = cleanArgument(name).value.slice(0, 40);
  return reply({
    title: t('bot.unknownCommand.title'),
    blocks: [
      { kind: 'paragraph', text: close.length > 0 ? t('bot.unknownCommand.textWithGuess', { name: shown, guesses: t.list(close, 'or') }) : t('bot.unknownCommand.text', { name: shown }) },
      ...(help ? [{ kind: 'context' as const, text: t('bot.unknownCommand.help', { help: syntax.invocation(help) }) }] : []),
    ],
    ephemeral: true,
  });
}

/** The handlers' own hints ("Ask about one: /events 1") in the asker's syntax; report text has no such hints to touch. */
function inSyntax(answer: Reply, commands: readonly CommandDeclaration[], syntax: CommandSyntax): Reply {
  if (syntax.id === plainSyntax.id) return answer;
  const rewrite = (text: string) => rewriteCommandHints(text, commands, syntax);
  return {
    ...answer,
    blocks: answer.blocks.map((block) => (block.kind === 'context' || block.kind === 'paragraph' ? { ...block, text: rewrite(block.text) } : block)),
  };
}

/** Discord's limit for a choice's name and value. */
const MAX_SUGGESTION_TEXT = 100;

/**
 * Choices for an option, ranked by the same fuzzy match the commands use. A value is what the command is then run
 * with, so it is never cut: it is an id or a name that finds exactly that one thing again (at most 100 characters);
 * a choice with no such value is left out rather than offered to answer something else.
 */
function suggest(library: Library, source: SuggestionSource, partial: string, limit: number, t: Translator): Suggestion[] {
  const clip = (text: string) => (text.length > MAX_SUGGESTION_TEXT ? `${text.slice(0, MAX_SUGGESTION_TEXT - 1)}…` : text);
  const fits = (value: string) => value.length > 0 && value.length <= MAX_SUGGESTION_TEXT;
  switch (source) {
    case 'speakers': {
      const entries = partial ? library.findSpeakers(partial, limit * 2).matches : library.speakers;
      const names = [...new Set(entries.map((entry) => entry.speaker.name))].filter(fits);
      return names.slice(0, limit).map((name) => ({ name: clip(name), value: name }));
    }
    case 'events': {
      const events = partial ? library.findEvents(partial, limit) : library.events;
      const findsOnly = (event: LibraryEvent) => (value: string) => {
        const found = library.findEvents(value, 2);
        return found.length === 1 && found[0] === event;
      };
      return events.flatMap((event) => {
        const value = [event.id, event.name, ...event.aliases].filter(fits).find(findsOnly(event));
        return value === undefined ? [] : [{ name: clip(describeEvent(event)), value }];
      }).slice(0, limit);
    }
    case 'pillars': {
      const found = partial ? library.findPillar(partial) : null;
      const pillars = found ? [found] : library.taxonomy.pillars;
      return pillars.slice(0, limit).map((pillar) => ({ name: clip(`${pillar.number}. ${pillarName(pillar, t)}`), value: pillar.id }));
    }
    case 'topics': {
      // What people ask about: pillars, the AWS services the taxonomy knows, and the talks' own titles.
      const folded = foldText(partial).trim();
      const topics = [
        ...library.taxonomy.pillars.map((pillar) => pillarName(pillar, t)),
        ...library.taxonomy.pillars.flatMap((pillar) => pillar.services),
        ...library.talks.map((entry) => entry.talk.title),
      ];
      const matching = [...new Set(topics)].filter((topic) => fits(topic) && (folded === '' || foldText(topic).includes(folded)));
      return matching.slice(0, limit).map((topic) => ({ name: clip(topic), value: topic }));
    }
    case 'languages': {
      const folded = foldText(partial).trim();
      const choices = [
        ...LANGUAGES.map((code) => ({ name: t('lang.choiceLine', { code, name: languageName(code, t) }), value: code as string })),
        { name: t('lang.choiceLine', { code: 'auto', name: t('lang.autoName') }), value: 'auto' },
      ];
      return choices.filter((choice) => folded === '' || foldText(choice.name).includes(folded)).slice(0, limit);
    }
  }
}
