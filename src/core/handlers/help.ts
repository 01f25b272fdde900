import type { CommandContext } from '../command-context.js';
import { reply, type Reply } from '../reply.js';

/** Example arguments for the help's last line, for the commands that are declared. */
const EXAMPLES: readonly [command: string, args: string][] = [
  ['speakers', 'thinh'],
  ['pillars', 'iam'],
  ['search', 'guardduty'],
  ['tip', ''],
];

/** Every usage line comes from the declarations, in the asker's syntax, so help lists only what can be typed there. */
export function handleHelp({ commands, args, library, syntax }: CommandContext): Reply {
  const asked = commands.find((command) => command.name === args.trim().toLowerCase().replace(/^\//, ''));
  if (asked) {
    return reply({
      title: syntax.usage(asked),
      blocks: [
        { kind: 'paragraph', text: asked.description },
        ...asked.options.map((option) => ({ kind: 'context' as const, text: `${option.name}: ${option.description}` })),
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
    title: 'Workshop takeaways',
    blocks: [
      {
        kind: 'paragraph',
        text: `I share what was learned at ${eventCount === 1 ? 'the workshop' : `${eventCount} events`}: the speakers, the security pillars, the lessons and a daily tip. Ask with a command, or just type words to search.`,
      },
      { kind: 'list', heading: 'Commands', items: commands.map((command) => `${syntax.usage(command)} — ${command.description}`) },
      ...(examples.length > 0 ? [{ kind: 'context' as const, text: `Examples: ${examples.join(' · ')}` }] : []),
    ],
    ephemeral: true,
  });
}
