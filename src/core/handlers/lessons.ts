import type { CommandContext } from '../command-context.js';
import { reply, type Reply } from '../reply.js';
import { resolveEvent } from './events.js';
import { languageNote, withAuthor } from './format.js';

export function handleLessons({ library, args, t }: CommandContext): Reply {
  let events = library.events;
  if (args) {
    const resolved = resolveEvent(library, args, t);
    if ('reply' in resolved) return resolved.reply;
    events = [resolved.event];
  }
  const withLessons = events.filter((event) => event.lessons.length > 0);
  if (withLessons.length === 0) {
    return reply({ title: t('lessons.title'), blocks: [{ kind: 'paragraph', text: t('lessons.none') }] });
  }
  return reply({
    title: t('lessons.title'),
    // A page with no lessons section gives its takeaways instead; the heading says which they are.
    blocks: [
      ...withLessons.map((event) => ({
        kind: 'list' as const,
        heading: event.lessonsFrom === 'takeaways' ? t('lessons.takeawaysHeading', { event: event.name }) : event.name,
        items: event.lessons.map((lesson) => withAuthor(event, lesson, t)),
      })),
      ...languageNote(withLessons, t),
    ],
  });
}
