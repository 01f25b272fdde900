import type { CommandContext } from '../command-context.js';
import { describeCommand, describeOption } from '../commands.js';
import { reply, type Reply } from '../reply.js';

/** Example arguments for the help's last line, for the commands that are declared. */
const EXAMPLES: readonly [command: string, args: string][] = [
  ['speakers', 'thinh'],
  ['pillars', 'iam'],
  ['search', 'guardduty'],
  ['tip', ''],
];

/** Every usage line comes from the declarations, in the asker's syntax, so help lists only what can be typed there. */
export function handleHelp({ commands, args, library, syntax, t }: CommandContext): Reply {
  const asked = commands.find((command) => command.name === args.trim().toLowerCase().replace(/^\//, ''));
  if (asked) {
    return reply({
      title: syntax.usage(asked),
      blocks: [
        { kind: 'paragraph', text: describeCommand(asked, t) },
        ...asked.options.map((option) => ({ kind: 'context' as const, text: t('help.optionLine', { option: option.name, description: describeOption(asked, option, t) }) })),
      ],
      ephemeral: true,
    });
  }
  const eventCount = library.events.length;
  const examples = EXAMPLES.flatMap(([name, example]) => {
    const declaration = commands.find((command) => command.name === name);
    return declaration ? [syntax.invocation(declaration, example)] : [];
  });
  return reply({
    title: t('help.title'),
    blocks: [
      { kind: 'paragraph', text: eventCount === 1 ? t('help.introOne') : t('help.introMany', { count: eventCount }) },
      {
        kind: 'list',
        heading: t('help.commands'),
        items: commands.map((command) => t('help.commandLine', { usage: syntax.usage(command), description: describeCommand(command, t) })),
      },
      ...(examples.length > 0 ? [{ kind: 'context' as const, text: t('help.examples', { examples: examples.join(' · ') }) }] : []),
    ],
    ephemeral: true,
  });
}
