import type { CommandContext } from '../command-context.js';
import { languageName, type Translator } from '../i18n.js';
import type { Library, LibraryEvent } from '../library.js';
import { reply, type Reply, type ReplyBlock } from '../reply.js';
import { describeEvent, describeReports, describeSpeaker, languageNote, pillarName, withAuthor } from './format.js';

/** Resolves an event argument, or answers why it could not. */
export function resolveEvent(library: Library, query: string, t: Translator): { event: LibraryEvent } | { reply: Reply } {
  const found = library.findEvents(query, 10);
  if (found.length === 1) return { event: found[0] as LibraryEvent };
  if (found.length === 0) {
    return {
      reply: reply({
        title: t('events.noSuchTitle'),
        blocks: [
          { kind: 'paragraph', text: t('events.noSuchText', { query }) },
          { kind: 'list', heading: t('events.listHeading'), items: library.events.slice(0, 10).map((event, index) => `${index + 1}. ${describeEvent(event)}`) },
        ],
        ephemeral: true,
      }),
    };
  }
  return {
    reply: reply({
      title: t('events.matchTitle', { count: found.length, query }),
      blocks: [{ kind: 'list', items: found.map(describeEvent) }],
      buttons: found.slice(0, 5).map((event) => ({ label: event.name.slice(0, 70), action: { command: 'events', args: event.key } })),
    }),
  };
}

export function handleEvents({ library, args, t }: CommandContext): Reply {
  if (!args) {
    if (library.events.length === 0) return reply({ title: t('events.title'), blocks: [{ kind: 'paragraph', text: t('events.noReports') }] });
    return reply({
      title: t('events.titleCount', { count: library.events.length }),
      blocks: [
        {
          kind: 'list',
          items: library.events.map((event, index) =>
            t('events.listItem', {
              event: `${index + 1}. ${describeEvent(event)}`,
              speakers: t('count.speaker', { count: event.speakers.length }),
              lessons: t('count.lesson', { count: event.lessons.length }),
              reports: t('count.report', { count: event.reports.length }),
            }),
          ),
        },
        { kind: 'context', text: t('events.askAboutOne') },
        ...languageNote(library.events, t),
      ],
    });
  }
  const resolved = resolveEvent(library, args, t);
  return 'reply' in resolved ? resolved.reply : eventCard(library, resolved.event, t);
}

function eventCard(library: Library, event: LibraryEvent, t: Translator): Reply {
  const blocks: ReplyBlock[] = [];
  const fields = [{ label: t('events.date'), value: event.date ?? t('events.dateNotGiven') }];
  if (event.lang !== t.language) fields.push({ label: t('events.language'), value: languageName(event.lang, t) });
  blocks.push({ kind: 'fields', fields });
  if (event.purpose.length > 0) blocks.push({ kind: 'list', heading: t('events.purpose'), items: event.purpose });
  if (event.speakers.length > 0) blocks.push({ kind: 'list', heading: t('events.speakers'), items: event.speakers.map(describeSpeaker) });
  const pillars = event.pillars.filter((pillar) => pillar.points.length + pillar.related.length > 0);
  if (pillars.length > 0) {
    blocks.push({
      kind: 'list',
      heading: t('events.pillars'),
      items: pillars.map((pillar) => {
        const definition = library.taxonomy.pillars.find((entry) => entry.id === pillar.id);
        const points = [...pillar.points, ...pillar.related];
        const authors = new Set(points.map((point) => event.authorOf.get(point)).filter(Boolean));
        const name = definition ? pillarName(definition, t) : pillar.title;
        const count = t('count.point', { count: points.length });
        return authors.size > 1
          ? t('events.pillarLineAuthors', { pillar: name, points: count, authors: t('count.author', { count: authors.size }) })
          : t('events.pillarLine', { pillar: name, points: count });
      }),
    });
  }
  if (event.lessons.length > 0) {
    blocks.push({
      kind: 'list',
      heading: event.lessonsFrom === 'takeaways' ? t('events.keyTakeaways') : t('events.lessonsLearned'),
      items: event.lessons.map((lesson) => withAuthor(event, lesson, t)),
    });
  }
  if (event.aliases.length > 0) blocks.push({ kind: 'context', text: t('events.alsoCalled', { names: event.aliases.slice(0, 5).join('; ') }) });
  blocks.push({ kind: 'context', text: event.reports.length > 1 ? t('events.fromReports', { reports: describeReports(event, t) }) : t('events.source', { source: event.source }) });
  blocks.push(...languageNote([event], t));
  return reply({ title: event.name, blocks });
}
