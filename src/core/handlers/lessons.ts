import type { CommandContext } from '../command-context.js';
import { reply, type Reply } from '../reply.js';
import { resolveEvent } from './events.js';
import { fromAuthor } from './format.js';

export function handleLessons({ library, args }: CommandContext): Reply {
  let events = library.events;
  if (args) {
    const resolved = resolveEvent(library, args);
    if ('reply' in resolved) return resolved.reply;
    events = [resolved.event];
  }
  const withLessons = events.filter((event) => event.lessons.length > 0);
  if (withLessons.length === 0) {
    return reply({ title: 'Lessons learned', blocks: [{ kind: 'paragraph', text: 'No report lists lessons learned yet.' }] });
  }
  return reply({
    title: 'Lessons learned',
    // A page with no lessons section gives its takeaways instead; the heading says which they are.
    blocks: withLessons.map((event) => ({
      kind: 'list' as const,
      heading: event.lessonsFrom === 'takeaways' ? `${event.name} (takeaways)` : event.name,
      items: event.lessons.map((lesson) => `${lesson}${fromAuthor(event, lesson)}`),
    })),
  });
}
