import type { CommandContext } from '../command-context.js';
import type { Library, LibraryEvent } from '../library.js';
import { reply, type Reply, type ReplyBlock } from '../reply.js';
import { describeEvent, describeReports, describeSpeaker, fromAuthor, plural } from './format.js';

/** Resolves an event argument, or answers why it could not. */
export function resolveEvent(library: Library, query: string): { event: LibraryEvent } | { reply: Reply } {
  const found = library.findEvents(query, 10);
  if (found.length === 1) return { event: found[0] as LibraryEvent };
  if (found.length === 0) {
    return {
      reply: reply({
        title: 'No such event',
        blocks: [
          { kind: 'paragraph', text: `No event matches "${query}".` },
          { kind: 'list', heading: 'Events', items: library.events.slice(0, 10).map((event, index) => `${index + 1}. ${describeEvent(event)}`) },
        ],
        ephemeral: true,
      }),
    };
  }
  return {
    reply: reply({
      title: `${plural(found.length, 'event')} match "${query}"`,
      blocks: [{ kind: 'list', items: found.map(describeEvent) }],
      buttons: found.slice(0, 5).map((event) => ({ label: event.name.slice(0, 70), action: { command: 'events', args: event.key } })),
    }),
  };
}

export function handleEvents({ library, args }: CommandContext): Reply {
  if (!args) {
    if (library.events.length === 0) return reply({ title: 'Events', blocks: [{ kind: 'paragraph', text: 'No reports are loaded.' }] });
    return reply({
      title: `Events (${library.events.length})`,
      blocks: [
        {
          kind: 'list',
          items: library.events.map(
            (event, index) =>
              `${index + 1}. ${describeEvent(event)} — ${plural(event.speakers.length, 'speaker')}, ${plural(event.lessons.length, 'lesson')}, ${plural(event.reports.length, 'report')}`,
          ),
        },
        { kind: 'context', text: 'Ask about one: /events 1, or part of its name' },
      ],
    });
  }
  const resolved = resolveEvent(library, args);
  return 'reply' in resolved ? resolved.reply : eventCard(library, resolved.event);
}

function eventCard(library: Library, event: LibraryEvent): Reply {
  const blocks: ReplyBlock[] = [];
  const fields = [{ label: 'Date', value: event.date ?? 'not given' }];
  if (event.lang !== 'en') fields.push({ label: 'Language', value: event.lang });
  blocks.push({ kind: 'fields', fields });
  if (event.purpose.length > 0) blocks.push({ kind: 'list', heading: 'Purpose', items: event.purpose });
  if (event.speakers.length > 0) blocks.push({ kind: 'list', heading: 'Speakers', items: event.speakers.map(describeSpeaker) });
  const pillars = event.pillars.filter((pillar) => pillar.points.length + pillar.related.length > 0);
  if (pillars.length > 0) {
    blocks.push({
      kind: 'list',
      heading: 'Pillars',
      items: pillars.map((pillar) => {
        const definition = library.taxonomy.pillars.find((entry) => entry.id === pillar.id);
        const points = [...pillar.points, ...pillar.related];
        const authors = new Set(points.map((point) => event.authorOf.get(point)).filter(Boolean));
        return `${definition?.name ?? pillar.title} (${plural(points.length, 'point')}${authors.size > 1 ? ` from ${plural(authors.size, 'author')}` : ''})`;
      }),
    });
  }
  if (event.lessons.length > 0) {
    blocks.push({ kind: 'list', heading: event.lessonsFrom === 'takeaways' ? 'Key takeaways' : 'Lessons learned', items: event.lessons.map((lesson) => `${lesson}${fromAuthor(event, lesson)}`) });
  }
  if (event.aliases.length > 0) blocks.push({ kind: 'context', text: `Also called: ${event.aliases.slice(0, 5).join('; ')}` });
  blocks.push({ kind: 'context', text: event.reports.length > 1 ? `From ${describeReports(event)}` : `Source: ${event.source}` });
  return reply({ title: event.name, blocks });
}
