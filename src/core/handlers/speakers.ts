import { foldText } from '../../content/text.js';
import type { CommandContext } from '../command-context.js';
import type { Library, SpeakerEntry } from '../library.js';
import { reply, type Reply, type ReplyBlock } from '../reply.js';
import { describeEvent, describeSpeaker, plural } from './format.js';
import { speakersAbout } from './speakers-about.js';

const MAX_PICK_BUTTONS = 5;

/** `/speakers about guardduty`, `/speakers về bảo vệ dữ liệu`: a topic rather than a name. */
const ABOUT = /^(?:about|on|về|ve)(?:\s+|$)/iu;

export function handleSpeakers({ library, args }: CommandContext): Reply {
  if (!args) return listAllSpeakers(library.events.map((event) => ({ event, speakers: event.speakers })));
  if (ABOUT.test(args)) return speakersAbout(library, args.replace(ABOUT, ''));
  const { matches, suggestions } = library.findSpeakers(args, 50);
  if (matches.length === 0) {
    return reply({
      title: 'No speaker found',
      blocks: [
        { kind: 'paragraph', text: `No speaker matches "${args}".` },
        suggestions.length > 0
          ? { kind: 'paragraph', text: `Did you mean ${suggestions.join(', ')}?` }
          : { kind: 'context', text: 'Try /speakers to see everyone.' },
      ],
      buttons: suggestions.slice(0, MAX_PICK_BUTTONS).map((name) => ({ label: name, action: { command: 'speakers', args: name } })),
      ephemeral: true,
    });
  }
  const people = groupByPerson(matches);
  if (people.length === 1) return speakerCard(library, people[0] as SpeakerEntry[]);
  return reply({
    title: `${plural(people.length, 'speaker')} match "${args}"`,
    blocks: [{ kind: 'list', items: people.map((entries) => `${describeSpeaker((entries[0] as SpeakerEntry).speaker)} · ${describeEvent((entries[0] as SpeakerEntry).event)}`) }],
    buttons: people.slice(0, MAX_PICK_BUTTONS).map((entries) => ({
      label: (entries[0] as SpeakerEntry).speaker.name,
      action: { command: 'speakers', args: (entries[0] as SpeakerEntry).speaker.name },
    })),
  });
}

/** The same name at several events is one person with several talks. */
function groupByPerson(entries: readonly SpeakerEntry[]): SpeakerEntry[][] {
  const people = new Map<string, SpeakerEntry[]>();
  for (const entry of entries) {
    const key = foldText(entry.speaker.name);
    people.set(key, [...(people.get(key) ?? []), entry]);
  }
  return [...people.values()];
}

/**
 * A person's card: role and organisation, then each event they spoke at with their talks there (as the reports title
 * them) and the pillars those cover, from every report.
 */
function speakerCard(library: Library, entries: readonly SpeakerEntry[]): Reply {
  const first = entries[0] as SpeakerEntry;
  const blocks: ReplyBlock[] = [];
  const fields = [];
  if (first.speaker.role) fields.push({ label: 'Role', value: first.speaker.role });
  if (first.speaker.org) fields.push({ label: 'Organisation', value: first.speaker.org });
  if (fields.length > 0) blocks.push({ kind: 'fields', fields });
  const pillarName = (id: string) => library.taxonomy.pillars.find((pillar) => pillar.id === id)?.name ?? id;
  const items = entries.map((entry) => {
    const talks = library.talks.filter((talk) => talk.event === entry.event && foldText(talk.speaker.name) === foldText(first.speaker.name));
    const titles = [...new Map(talks.map((talk) => [foldText(talk.talk.title), talk.talk.title])).values()];
    const pillars = [...new Set(talks.flatMap((talk) => talk.talk.pillars))].map(pillarName);
    const about = titles.length > 0 ? `: ${titles.slice(0, 3).join('; ')}${titles.length > 3 ? ` (+${titles.length - 3} more)` : ''}` : '';
    return `${describeEvent(entry.event)}${about}${pillars.length > 0 ? ` [${pillars.join(', ')}]` : ''}`;
  });
  blocks.push({ kind: 'list', heading: entries.length === 1 ? 'Event' : 'Events', items });
  return reply({ title: first.speaker.name, blocks });
}

function listAllSpeakers(groups: readonly { event: { name: string; date: string | null }; speakers: readonly SpeakerEntry['speaker'][] }[]): Reply {
  const withSpeakers = groups.filter((group) => group.speakers.length > 0);
  if (withSpeakers.length === 0) {
    return reply({ title: 'Speakers', blocks: [{ kind: 'paragraph', text: 'No report names its speakers yet.' }] });
  }
  const total = withSpeakers.reduce((sum, group) => sum + group.speakers.length, 0);
  return reply({
    title: `Speakers (${total})`,
    blocks: withSpeakers.map((group) => ({
      kind: 'list' as const,
      heading: group.event.date ? `${group.event.name} (${group.event.date})` : group.event.name,
      items: group.speakers.map(describeSpeaker),
    })),
  });
}
