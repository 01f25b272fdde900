import type { PillarDefinition } from '../../content/model.js';
import { foldText } from '../../content/text.js';
import type { CommandContext } from '../command-context.js';
import type { Translator } from '../i18n.js';
import type { Library, LibraryEvent } from '../library.js';
import { reply, type Reply, type ReplyBlock } from '../reply.js';
import { languageNote, pillarDescription, pillarName, withAuthor } from './format.js';

interface PillarCoverage {
  event: LibraryEvent;
  points: string[];
  related: string[];
}

function coverageOf(library: Library, pillar: PillarDefinition): PillarCoverage[] {
  return library.events
    .map((event) => {
      const found = event.pillars.find((entry) => entry.id === pillar.id);
      return { event, points: found?.points ?? [], related: found?.related ?? [] };
    })
    .filter((coverage) => coverage.points.length + coverage.related.length > 0);
}

export function handlePillars({ library, args, t }: CommandContext): Reply {
  if (!args) return listPillars(library, t);
  const pillar = library.findPillar(args);
  if (!pillar) {
    return reply({
      title: t('pillars.noSuchTitle'),
      blocks: [
        { kind: 'paragraph', text: t('pillars.noSuchText', { query: args }) },
        { kind: 'list', items: library.taxonomy.pillars.map((entry) => t('pillars.choice', { number: entry.number, name: pillarName(entry, t), id: entry.id })) },
      ],
      ephemeral: true,
    });
  }
  return pillarCard(library, pillar, t);
}

function listPillars(library: Library, t: Translator): Reply {
  const covered = new Set<LibraryEvent>();
  const items = library.taxonomy.pillars.map((pillar) => {
    const coverage = coverageOf(library, pillar);
    for (const entry of coverage) covered.add(entry.event);
    const points = t('count.point', { count: coverage.reduce((sum, entry) => sum + entry.points.length + entry.related.length, 0) });
    const values = { number: pillar.number, name: pillarName(pillar, t), description: pillarDescription(pillar, t), points };
    return coverage.length > 1 ? t('pillars.listItemEvents', { ...values, events: t('count.event', { count: coverage.length }) }) : t('pillars.listItem', values);
  });
  return reply({
    title: t('pillars.title'),
    blocks: [{ kind: 'list', items }, { kind: 'context', text: t('pillars.askAboutOne') }, ...languageNote([...covered], t)],
  });
}

function pillarCard(library: Library, pillar: PillarDefinition, t: Translator): Reply {
  const coverage = coverageOf(library, pillar);
  const blocks: ReplyBlock[] = [{ kind: 'paragraph', text: pillarDescription(pillar, t) }];
  const several = library.events.length > 1;
  for (const entry of coverage) {
    if (entry.points.length > 0) {
      const heading = several ? entry.event.name : entry.event.reports.length > 1 ? t('pillars.reportsCover') : t('pillars.reportCovers');
      blocks.push({ kind: 'list', heading, items: entry.points.map((point) => withAuthor(entry.event, point, t)) });
    }
  }
  const related = coverage.flatMap((entry) =>
    entry.related.map((point) => withAuthor(entry.event, point, t, several ? t('pillars.relatedItem', { point, event: entry.event.name }) : point)),
  );
  if (related.length > 0) blocks.push({ kind: 'list', heading: t('pillars.related'), items: related });
  if (coverage.length === 0) blocks.push({ kind: 'paragraph', text: t('pillars.nothingYet') });

  const text = foldText(coverage.flatMap((entry) => [...entry.points, ...entry.related]).join(' '));
  // Reports write "KMS" as often as "AWS KMS": match a service by its name without the vendor prefix.
  const services = pillar.services.filter((service) => text.includes(foldText(service).replace(/^(aws|amazon) /, '')));
  if (services.length > 0) blocks.push({ kind: 'fields', fields: [{ label: t('pillars.services'), value: services.join(', ') }] });
  if (coverage.length > 0) blocks.push({ kind: 'context', text: t('pillars.from', { events: coverage.map((entry) => entry.event.name).join('; ') }) });
  blocks.push(...languageNote(coverage.map((entry) => entry.event), t));
  return reply({ title: t('pillars.cardTitle', { number: pillar.number, name: pillarName(pillar, t) }), blocks });
}
