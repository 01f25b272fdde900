import type { Translator } from '../i18n.js';
import type { Library } from '../library.js';
import { reply, type Reply, type ReplyBlock } from '../reply.js';
import { talkIndexOf, talksWithWord, topicWords, whoSpokeAbout, type SpeakerAnswer } from '../who-spoke.js';
import { pillarName } from './format.js';

const MAX_PICK_BUTTONS = 5;

/** "Name — Talk (Event)": one talk per event (the reports' first title for it; others wrote it their own way). */
function describeAnswer(answer: SpeakerAnswer, severalEvents: boolean, t: Translator): string {
  const byEvent = new Map<string, string>();
  for (const talk of answer.talks) {
    if (!byEvent.has(talk.event.id)) byEvent.set(talk.event.id, severalEvents ? t('about.talkAtEvent', { talk: talk.title, event: talk.event.name }) : talk.title);
  }
  return t('about.answerLine', { name: answer.name, talks: [...byEvent.values()].join('; ') });
}

/** Speakers an answer lists at most; the title still counts them all. */
const MAX_LISTED_SPEAKERS = 25;

/** "Did you mean": talk titles sharing the start of a word with the topic, and the pillars. */
function closeTopics(library: Library, topic: string): string[] {
  const index = talkIndexOf(library);
  const titles = new Set<string>();
  for (const stem of topicWords(topic).map((word) => word.slice(0, 4)).filter((part) => part.length >= 3)) {
    for (const { talk } of talksWithWord(index, stem)) {
      if (titles.size >= 3) break;
      titles.add(talk.title);
    }
  }
  return [...titles];
}

/** `/speakers about X`, "who spoke about X?", "ai nói về X?": the speakers whose talks match X, each with the talk and event. */
export function speakersAbout(library: Library, topic: string, t: Translator): Reply {
  const asked = topic.trim();
  if (topicWords(asked).length === 0) {
    return reply({ title: t('about.askTitle'), blocks: [{ kind: 'paragraph', text: t('about.askText') }], ephemeral: true });
  }
  const answer = whoSpokeAbout(library, asked);
  const severalEvents = library.events.length > 1;
  const definition = answer.pillar === null ? undefined : library.taxonomy.pillars.find((pillar) => pillar.id === answer.pillar?.id);
  const pillar = answer.pillar === null ? null : { id: answer.pillar.id, name: definition ? pillarName(definition, t) : answer.pillar.name };
  const blocks: ReplyBlock[] = [];
  if (answer.speakers.length > 0) {
    // The best-matching speakers, in order: a topic as wide as a pillar on a big site matches hundreds of sessions.
    const listed = answer.speakers.slice(0, MAX_LISTED_SPEAKERS);
    blocks.push({ kind: 'list', items: listed.map((speaker) => describeAnswer(speaker, severalEvents, t)) });
    if (answer.speakers.length > listed.length) blocks.push({ kind: 'context', text: t('about.more', { count: answer.speakers.length - listed.length }) });
    if (pillar !== null && answer.speakers.some((speaker) => speaker.score === 1)) {
      blocks.push({ kind: 'context', text: t('about.alsoPillar', { pillar: pillar.name, topic: asked }) });
    }
    return reply({
      title: t('about.spokeTitle', { count: answer.speakers.length, topic: asked }),
      blocks,
      buttons: answer.speakers.slice(0, MAX_PICK_BUTTONS).map((speaker) => ({ label: speaker.name, action: { command: 'speakers', args: speaker.name } })),
    });
  }
  if (answer.byRole.length > 0) {
    return reply({
      title: t('about.noTalkTitle', { topic: asked }),
      blocks: [
        { kind: 'paragraph', text: t('about.noTalkText', { topic: asked }) },
        { kind: 'list', items: answer.byRole.map((speaker) => describeAnswer(speaker, severalEvents, t)) },
      ],
      buttons: answer.byRole.slice(0, MAX_PICK_BUTTONS).map((speaker) => ({ label: speaker.name, action: { command: 'speakers', args: speaker.name } })),
    });
  }
  const close = closeTopics(library, asked);
  // What the reports do say about it, when it is a pillar or belongs to one.
  const pillarHint = pillar === null ? [] : [{ kind: 'context' as const, text: t('about.pillarHint', { pillar: pillar.name, id: pillar.id }) }];
  if (library.talks.length === 0) {
    return reply({
      title: t('about.unlinkedTitle', { topic: asked }),
      blocks: [{ kind: 'paragraph', text: t('about.unlinkedText') }, ...pillarHint],
      ephemeral: true,
    });
  }
  return reply({
    title: t('about.nobodyTitle', { topic: asked }),
    blocks: [
      { kind: 'paragraph', text: t('about.nobodyText', { topic: asked }) },
      close.length > 0
        ? { kind: 'paragraph', text: t('about.didYouMean', { titles: close.map((title) => `"${title}"`).join(', ') }) }
        : { kind: 'context', text: t('about.tryAnother') },
      ...pillarHint,
    ],
    ephemeral: true,
  });
}
