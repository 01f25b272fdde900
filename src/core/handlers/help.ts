import type { CommandContext } from '../command-context.js';
import { formatUsage } from '../commands.js';
import { reply, type Reply } from '../reply.js';

export function handleHelp({ commands, args, library }: CommandContext): Reply {
  const asked = commands.find((command) => command.name === args.trim().toLowerCase().replace(/^\//, ''));
  if (asked) {
    return reply({
      title: `/${formatUsage(asked)}`,
      blocks: [
        { kind: 'paragraph', text: asked.description },
        ...asked.options.map((option) => ({ kind: 'context' as const, text: `${option.name}: ${option.description}` })),
      ],
      ephemeral: true,
    });
  }
  const eventCount = library.events.length;
  return reply({
    title: 'Workshop takeaways',
    blocks: [
      {
        kind: 'paragraph',
        text: `I share what was learned at ${eventCount === 1 ? 'the workshop' : `${eventCount} events`}: the speakers, the security pillars, the lessons and a daily tip. Ask with a command, or just type words to search.`,
      },
      { kind: 'list', heading: 'Commands', items: commands.map((command) => `/${formatUsage(command)} — ${command.description}`) },
      { kind: 'context', text: 'Examples: /speakers thinh · /pillars iam · /search guardduty · /tip' },
    ],
    ephemeral: true,
  });
}
