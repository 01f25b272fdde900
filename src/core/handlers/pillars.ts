import type { PillarDefinition } from '../../content/model.js';
import { foldText } from '../../content/text.js';
import type { CommandContext } from '../command-context.js';
import type { Library, LibraryEvent } from '../library.js';
import { reply, type Reply, type ReplyBlock } from '../reply.js';
import { fromAuthor, plural } from './format.js';

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

export function handlePillars({ library, args }: CommandContext): Reply {
  if (!args) return listPillars(library);
  const pillar = library.findPillar(args);
  if (!pillar) {
    return reply({
      title: 'No such pillar',
      blocks: [
        { kind: 'paragraph', text: `No pillar matches "${args}". Ask by id, number or name:` },
        { kind: 'list', items: library.taxonomy.pillars.map((entry) => `${entry.number}. ${entry.name} (${entry.id})`) },
      ],
      ephemeral: true,
    });
  }
  return pillarCard(library, pillar);
}

function listPillars(library: Library): Reply {
  const items = library.taxonomy.pillars.map((pillar) => {
    const coverage = coverageOf(library, pillar);
    const points = coverage.reduce((sum, entry) => sum + entry.points.length + entry.related.length, 0);
    return `${pillar.number}. ${pillar.name} — ${pillar.description} (${plural(points, 'point')}${coverage.length > 1 ? ` from ${plural(coverage.length, 'event')}` : ''})`;
  });
  return reply({
    title: 'Security pillars',
    blocks: [{ kind: 'list', items }, { kind: 'context', text: 'Ask about one: /pillars iam, /pillars 4, /pillars data protection' }],
  });
}

function pillarCard(library: Library, pillar: PillarDefinition): Reply {
  const coverage = coverageOf(library, pillar);
  const blocks: ReplyBlock[] = [{ kind: 'paragraph', text: pillar.description }];
  const several = library.events.length > 1;
  for (const entry of coverage) {
    if (entry.points.length > 0) {
      const heading = several ? entry.event.name : entry.event.reports.length > 1 ? 'What the reports cover' : 'What the report covers';
      blocks.push({ kind: 'list', heading, items: entry.points.map((point) => `${point}${fromAuthor(entry.event, point)}`) });
    }
  }
  const related = coverage.flatMap((entry) => entry.related.map((point) => `${point}${several ? ` (${entry.event.name})` : ''}${fromAuthor(entry.event, point)}`));
  if (related.length > 0) blocks.push({ kind: 'list', heading: 'Related points', items: related });
  if (coverage.length === 0) blocks.push({ kind: 'paragraph', text: 'The reports say nothing about this pillar yet.' });

  const text = foldText(coverage.flatMap((entry) => [...entry.points, ...entry.related]).join(' '));
  // Reports write "KMS" as often as "AWS KMS": match a service by its name without the vendor prefix.
  const services = pillar.services.filter((service) => text.includes(foldText(service).replace(/^(aws|amazon) /, '')));
  if (services.length > 0) blocks.push({ kind: 'fields', fields: [{ label: 'AWS services named', value: services.join(', ') }] });
  if (coverage.length > 0) blocks.push({ kind: 'context', text: `From: ${coverage.map((entry) => entry.event.name).join('; ')}` });
  return reply({ title: `Pillar ${pillar.number} — ${pillar.name}`, blocks });
}
