import { foldText } from '../../content/text.js';
import type { CommandContext } from '../command-context.js';
import type { Library, SpeakerEntry } from '../library.js';
import type { Translator } from '../i18n.js';
import { reply, type Reply, type ReplyBlock } from '../reply.js';
import { describeEvent, describeSpeaker, pillarName } from './format.js';
import { speakersAbout } from './speakers-about.js';

const MAX_PICK_BUTTONS = 5;

/** `/speakers about guardduty`, `/speakers về bảo vệ dữ liệu`: a topic rather than a name. */
const ABOUT = /^(?:about|on|về|ve)(?:\s+|$)/iu;

export function handleSpeakers({ library, args, t }: CommandContext): Reply {
  if (!args) return listAllSpeakers(library.events.map((event) => ({ event, speakers: event.speakers })), t);
  if (ABOUT.test(args)) return speakersAbout(library, args.replace(ABOUT, ''), t);
  const { matches, suggestions } = library.findSpeakers(args, 50);
  if (matches.length === 0) {
    return reply({
      title: t('speakers.noneFoundTitle'),
      blocks: [
        { kind: 'paragraph', text: t('speakers.noneFoundText', { query: args }) },
        suggestions.length > 0
          ? { kind: 'paragraph', text: t('speakers.didYouMean', { names: suggestions.join(', ') }) }
          : { kind: 'context', text: t('speakers.seeEveryone') },
      ],
      buttons: suggestions.slice(0, MAX_PICK_BUTTONS).map((name) => ({ label: name, action: { command: 'speakers', args: name } })),
      ephemeral: true,
    });
  }
  const people = groupByPerson(matches);
  if (people.length === 1) return speakerCard(library, people[0] as SpeakerEntry[], t);
  return reply({
    title: t('speakers.matchTitle', { count: people.length, query: args }),
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
function speakerCard(library: Library, entries: readonly SpeakerEntry[], t: Translator): Reply {
  const first = entries[0] as SpeakerEntry;
  const blocks: ReplyBlock[] = [];
  const fields = [];
  if (first.speaker.role) fields.push({ label: t('speakers.role'), value: first.speaker.role });
  if (first.speaker.org) fields.push({ label: t('speakers.organisation'), value: first.speaker.org });
  if (fields.length > 0) blocks.push({ kind: 'fields', fields });
  const nameOf = (id: string) => {
    const pillar = library.taxonomy.pillars.find((entry) => entry.id === id);
    return pillar ? pillarName(pillar, t) : id;
  };
  const items = entries.map((entry) => {
    const theirs = library.talks.filter((talk) => talk.event === entry.event && foldText(talk.speaker.name) === foldText(first.speaker.name));
    // The talks as the reports in the asker's language title them, when those give any.
    const answering = theirs.filter((talk) => library.answers(talk.talk.report));
    const talks = answering.length > 0 ? answering : theirs;
    const titles = [...new Map(talks.map((talk) => [foldText(talk.talk.title), talk.talk.title])).values()];
    const pillars = [...new Set(talks.flatMap((talk) => talk.talk.pillars))].map(nameOf);
    const shown = titles.slice(0, 3).join('; ');
    const about = titles.length > 0 ? `: ${titles.length > 3 ? t('speakers.moreTalks', { talks: shown, count: titles.length - 3 }) : shown}` : '';
    return `${describeEvent(entry.event)}${about}${pillars.length > 0 ? ` [${pillars.join(', ')}]` : ''}`;
  });
  blocks.push({ kind: 'list', heading: entries.length === 1 ? t('speakers.event') : t('speakers.events'), items });
  return reply({ title: first.speaker.name, blocks });
}

function listAllSpeakers(groups: readonly { event: { name: string; date: string | null }; speakers: readonly SpeakerEntry['speaker'][] }[], t: Translator): Reply {
  const withSpeakers = groups.filter((group) => group.speakers.length > 0);
  if (withSpeakers.length === 0) {
    return reply({ title: t('speakers.title'), blocks: [{ kind: 'paragraph', text: t('speakers.noneNamed') }] });
  }
  const total = withSpeakers.reduce((sum, group) => sum + group.speakers.length, 0);
  return reply({
    title: t('speakers.titleCount', { count: total }),
    blocks: withSpeakers.map((group) => ({
      kind: 'list' as const,
      heading: group.event.date ? `${group.event.name} (${group.event.date})` : group.event.name,
      items: group.speakers.map(describeSpeaker),
    })),
  });
}
