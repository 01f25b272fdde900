import type { CommandSyntax } from '../../core/command-syntax.js';
import { formatOption, type CommandDeclaration } from '../../core/commands.js';
import { ErrorCode, TakeawaysError } from '../../errors.js';

/** The umbrella command: `/takeaways <command> [args]` reaches every command. */
export const UMBRELLA_COMMAND = 'takeaways';

/** Slack's own rule for slash command names: lowercase, no spaces, at most 32 characters with the slash. */
const SLASH_NAME = /^\/[a-z0-9][a-z0-9_-]{0,30}$/;

export interface SlashCommand {
  /** `/takeaways`, `/speakers`, prefixed when a prefix is set (`/acme-speakers`). */
  name: string;
  /** The core command it runs; undefined for the umbrella, which reads the command from its text. */
  command: CommandDeclaration | undefined;
}

/**
 * Every slash command the app registers, derived from the declarations.
 * The prefix avoids clashes with other apps' commands in the same workspace.
 */
export function listSlashCommands(declarations: readonly CommandDeclaration[], prefix = ''): SlashCommand[] {
  const commands: SlashCommand[] = [
    { name: `/${prefix}${UMBRELLA_COMMAND}`, command: undefined },
    ...declarations.filter((declaration) => declaration.ownSlashCommand).map((declaration) => ({ name: `/${prefix}${declaration.name}`, command: declaration })),
  ];
  for (const { name } of commands) {
    if (!SLASH_NAME.test(name)) {
      throw new TakeawaysError(
        ErrorCode.ConfigInvalid,
        `slash command "${name}" is not a valid Slack command name (lowercase letters, digits, - or _, at most 32 characters); check SLACK_COMMAND_PREFIX`,
        { command: name },
      );
    }
  }
  return commands;
}

export type SlashRequest = { kind: 'command'; command: string; args: string } | { kind: 'text'; text: string };

/**
 * What a slash command asks for: an own command runs with its text as the argument; the umbrella
 * runs the command its first word names, shows help when empty, and otherwise routes the text
 * like a direct message (so `/takeaways thinh` searches).
 */
export function resolveSlashCommand(slash: SlashCommand, text: string, known: ReadonlyMap<string, CommandDeclaration>): SlashRequest {
  const trimmed = text.trim();
  if (slash.command) return { kind: 'command', command: slash.command.name, args: trimmed };
  if (trimmed === '') return { kind: 'command', command: 'help', args: '' };
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const name = first.toLowerCase().replace(/^\//, '');
  if (known.has(name)) return { kind: 'command', command: name, args: rest.join(' ') };
  return { kind: 'text', text: trimmed };
}

/**
 * Commands as typed on Slack: a command with its own slash command by it (`/acme-speakers thinh`), every other one
 * through the umbrella (`/acme-takeaways search guardduty`), so help never names a command the app did not register.
 */
export function slackCommandSyntax(slashCommands: readonly SlashCommand[]): CommandSyntax {
  const umbrella = slashCommands.find((slash) => !slash.command)?.name ?? `/${UMBRELLA_COMMAND}`;
  const own = new Map(slashCommands.flatMap((slash) => (slash.command ? [[slash.command.name, slash.name] as const] : [])));
  const typed = (declaration: CommandDeclaration) => own.get(declaration.name) ?? `${umbrella} ${declaration.name}`;
  return {
    id: `slack:${umbrella}`,
    invocation: (declaration, args = '') => [typed(declaration), args].filter(Boolean).join(' '),
    usage: (declaration) => [typed(declaration), ...declaration.options.map(formatOption)].join(' '),
  };
}
