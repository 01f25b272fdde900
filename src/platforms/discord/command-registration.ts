import { createHash } from 'node:crypto';
import { Routes, type REST } from 'discord.js';
import type { Taxonomy } from '../../content/model.js';
import type { CommandDeclaration, CommandOption } from '../../core/commands.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/store.js';

/** A choice Discord shows for an option (pillars: a fixed list, so no autocomplete round trip). */
export interface CommandChoice {
  name: string;
  value: string;
}

export interface DiscordCommandOptionJson {
  type: 3;
  name: string;
  description: string;
  required: boolean;
  autocomplete?: true;
  choices?: CommandChoice[];
}

export interface DiscordCommandJson {
  type: 1;
  name: string;
  description: string;
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
    .map((pillar) => ({ name: cut(`${pillar.number}. ${pillar.name}`, MAX_CHOICE_TEXT), value: pillar.id }));
}

function buildOption(option: CommandOption, pillarChoices: readonly CommandChoice[]): DiscordCommandOptionJson {
  const json: DiscordCommandOptionJson = { type: 3, name: option.name, description: cut(option.description, MAX_DESCRIPTION), required: option.required };
  if (option.suggestions === 'pillars' && pillarChoices.length > 0) {
    json.choices = pillarChoices.slice(0, MAX_CHOICES).map((choice) => ({ name: cut(choice.name, MAX_CHOICE_TEXT), value: choice.value.slice(0, MAX_CHOICE_TEXT) }));
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
    const json: DiscordCommandJson = {
      type: 1,
      name: declaration.name,
      description: cut(declaration.description, MAX_DESCRIPTION),
      options: declaration.options.map((option) => buildOption(option, pillarChoices)),
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
