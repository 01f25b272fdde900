import { createHash } from 'node:crypto';
import { Routes, type REST } from 'discord.js';
import type { Taxonomy } from '../../content/model.js';
import { describeCommand, describeOption, localizedCommandName, localizedOptionName, type CommandDeclaration, type CommandOption } from '../../core/commands.js';
import { DEFAULT_LANGUAGE, LANGUAGES, translator, type Language } from '../../core/i18n.js';
import { pillarName } from '../../core/handlers/format.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/store.js';

/** A choice Discord shows for an option (pillars: a fixed list, so no autocomplete round trip). */
export interface CommandChoice {
  name: string;
  value: string;
  /** The choice's name in each other language Discord shows (`vi`). */
  name_localizations?: Record<string, string>;
}

/** Discord's locale names for the bot's languages other than English (discord.com/developers/docs/reference#locales). */
const DISCORD_LOCALES: Readonly<Partial<Record<Language, string>>> = { vi: 'vi' };

/** What Discord takes as a command or option name: lowercase where the letter has a case, 1–32 characters. */
export const DISCORD_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export interface DiscordCommandOptionJson {
  type: 3;
  name: string;
  description: string;
  name_localizations?: Record<string, string>;
  description_localizations?: Record<string, string>;
  required: boolean;
  autocomplete?: true;
  choices?: CommandChoice[];
}

export interface DiscordCommandJson {
  type: 1;
  name: string;
  description: string;
  name_localizations?: Record<string, string>;
  description_localizations?: Record<string, string>;
  options: DiscordCommandOptionJson[];
  /** Global commands only: usable in servers (0) and in the bot's DMs (1). */
  contexts?: number[];
  /** Global commands only: installed to a server (0). */
  integration_types?: number[];
}

/** Discord's limits on command JSON (discord.com/developers/docs/interactions/application-commands). */
const MAX_DESCRIPTION = 100;
const MAX_CHOICES = 25;
const MAX_CHOICE_TEXT = 100;

const INTERACTION_CONTEXT = { Guild: 0, BotDm: 1 } as const;
const GUILD_INSTALL = 0;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Pillars as fixed choices, in the workshop's order: "1. Identity and Access Management" → `iam`. */
export function pillarChoicesFromTaxonomy(taxonomy: Taxonomy): CommandChoice[] {
  return [...taxonomy.pillars]
    .sort((a, b) => a.number - b.number)
    .map((pillar) => {
      const localized = localizations((t) => cut(`${pillar.number}. ${pillarName(pillar, t)}`, MAX_CHOICE_TEXT));
      return { name: cut(`${pillar.number}. ${pillar.name}`, MAX_CHOICE_TEXT), value: pillar.id, ...(localized ? { name_localizations: localized } : {}) };
    });
}

/**
 * A text in each of the bot's other languages, by Discord locale; a language whose text is the English one is left
 * out (Discord shows English then). Undefined when no language differs.
 */
function localizations(textIn: (t: ReturnType<typeof translator>) => string): Record<string, string> | undefined {
  const english = textIn(translator(DEFAULT_LANGUAGE));
  const entries = LANGUAGES.flatMap((language) => {
    const locale = DISCORD_LOCALES[language];
    const text = locale === undefined ? english : textIn(translator(language));
    return locale === undefined || text === english ? [] : [[locale, text] as const];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** A localized name Discord takes, or nothing (Discord then shows the English name). */
function validName(name: string): string | undefined {
  return DISCORD_NAME.test(name) && name === name.toLowerCase() ? name : undefined;
}

/** Names in each language, each checked against Discord's rule; one that fails it falls back to the English name. */
function nameLocalizations(nameIn: (t: ReturnType<typeof translator>) => string): Record<string, string> | undefined {
  return localizations((t) => validName(nameIn(t)) ?? nameIn(translator(DEFAULT_LANGUAGE)));
}

function buildOption(declaration: CommandDeclaration, option: CommandOption, pillarChoices: readonly CommandChoice[]): DiscordCommandOptionJson {
  const json: DiscordCommandOptionJson = { type: 3, name: option.name, description: cut(option.description, MAX_DESCRIPTION), required: option.required };
  const names = nameLocalizations((t) => localizedOptionName(declaration, option, t));
  const descriptions = localizations((t) => cut(describeOption(declaration, option, t), MAX_DESCRIPTION));
  if (names) json.name_localizations = names;
  if (descriptions) json.description_localizations = descriptions;
  if (option.suggestions === 'pillars' && pillarChoices.length > 0) {
    json.choices = pillarChoices.slice(0, MAX_CHOICES).map((choice) => ({
      name: cut(choice.name, MAX_CHOICE_TEXT),
      value: choice.value.slice(0, MAX_CHOICE_TEXT),
      ...(choice.name_localizations ? { name_localizations: Object.fromEntries(Object.entries(choice.name_localizations).map(([locale, name]) => [locale, cut(name, MAX_CHOICE_TEXT)])) } : {}),
    }));
  } else if (option.suggestions) {
    json.autocomplete = true;
  }
  return json;
}

/**
 * The whole command set as Discord's bulk-overwrite body, derived from the core's declarations.
 * Guild commands carry no contexts (Discord reads those for global commands only).
 */
export function buildCommandRegistration(
  declarations: readonly CommandDeclaration[],
  pillarChoices: readonly CommandChoice[],
  scope: { guildId?: string } = {},
): DiscordCommandJson[] {
  return declarations.map((declaration) => {
    const names = nameLocalizations((t) => localizedCommandName(declaration, t));
    const descriptions = localizations((t) => cut(describeCommand(declaration, t), MAX_DESCRIPTION));
    const json: DiscordCommandJson = {
      type: 1,
      name: declaration.name,
      description: cut(declaration.description, MAX_DESCRIPTION),
      ...(names ? { name_localizations: names } : {}),
      ...(descriptions ? { description_localizations: descriptions } : {}),
      options: declaration.options.map((option) => buildOption(declaration, option, pillarChoices)),
    };
    if (!scope.guildId) {
      json.contexts = [INTERACTION_CONTEXT.Guild, INTERACTION_CONTEXT.BotDm];
      json.integration_types = [GUILD_INSTALL];
    }
    return json;
  });
}

/** Where the hash of the last registration is kept: one per application and scope. */
export function registrationStoreKey(appId: string, guildId?: string): string {
  return `discord:commands:${appId}:${guildId ?? 'global'}`;
}

export function hashCommandRegistration(body: readonly DiscordCommandJson[]): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export interface RegistrationTarget {
  rest: REST;
  appId: string;
  /** Register to one server (instant) instead of globally. */
  guildId?: string;
  body: readonly DiscordCommandJson[];
}

/** Replaces the whole command set (PUT), so removed commands disappear too. */
export async function putCommandRegistration(target: RegistrationTarget): Promise<void> {
  const route = target.guildId ? Routes.applicationGuildCommands(target.appId, target.guildId) : Routes.applicationCommands(target.appId);
  await target.rest.put(route, { body: target.body });
}

/** Registers and records the hash, so the next start knows this set is already registered. */
export async function deployCommandRegistration(target: RegistrationTarget, store: Store | null): Promise<void> {
  await putCommandRegistration(target);
  if (store) await store.setValue(registrationStoreKey(target.appId, target.guildId), hashCommandRegistration(target.body));
}

/**
 * Registers only when the set differs from the last registration recorded in the store, so restarts do
 * not spend Discord's daily command-create limit.
 */
export async function registerCommandsIfChanged(target: RegistrationTarget, store: Store, logger: Logger): Promise<'registered' | 'unchanged'> {
  const key = registrationStoreKey(target.appId, target.guildId);
  const hash = hashCommandRegistration(target.body);
  if ((await store.getValue(key)) === hash) {
    logger.debug({ scope: target.guildId ?? 'global' }, 'discord: commands unchanged since the last registration');
    return 'unchanged';
  }
  await deployCommandRegistration(target, store);
  logger.info({ scope: target.guildId ?? 'global', commands: target.body.length }, 'discord: commands registered');
  return 'registered';
}
