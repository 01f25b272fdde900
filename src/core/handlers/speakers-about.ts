import type { Library } from '../library.js';
import { reply, type Reply, type ReplyBlock } from '../reply.js';
import { talkIndexOf, talksWithWord, topicWords, whoSpokeAbout, type SpeakerAnswer } from '../who-spoke.js';
import { plural } from './format.js';

const MAX_PICK_BUTTONS = 5;

/** "Name — Talk (Event)": one talk per event (the reports' first title for it; others wrote it their own way). */
function describeAnswer(answer: SpeakerAnswer, severalEvents: boolean): string {
  const byEvent = new Map<string, string>();
  for (const talk of answer.talks) if (!byEvent.has(talk.event.id)) byEvent.set(talk.event.id, severalEvents ? `${talk.title} (${talk.event.name})` : talk.title);
  return `${answer.name} — ${[...byEvent.values()].join('; ')}`;
}

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
export function speakersAbout(library: Library, topic: string): Reply {
  const asked = topic.trim();
  if (topicWords(asked).length === 0) {
    return reply({
      title: 'Who spoke about what?',
      blocks: [
        { kind: 'paragraph', text: 'Ask about a service, a pillar or a talk: "who spoke about GuardDuty?", "ai nói về bảo vệ dữ liệu?", "/speakers about cloud quest".' },
      ],
      ephemeral: true,
    });
  }
  const answer = whoSpokeAbout(library, asked);
  const severalEvents = library.events.length > 1;
  const blocks: ReplyBlock[] = [];
  if (answer.speakers.length > 0) {
    blocks.push({ kind: 'list', items: answer.speakers.map((speaker) => describeAnswer(speaker, severalEvents)) });
    if (answer.pillar !== null && answer.speakers.some((speaker) => speaker.score === 1)) {
      blocks.push({ kind: 'context', text: `Also the speakers of sessions on ${answer.pillar.name}, the pillar "${asked}" belongs to.` });
    }
    return reply({
      title: `${plural(answer.speakers.length, 'speaker')} spoke about "${asked}"`,
      blocks,
      buttons: answer.speakers.slice(0, MAX_PICK_BUTTONS).map((speaker) => ({ label: speaker.name, action: { command: 'speakers', args: speaker.name } })),
    });
  }
  if (answer.byRole.length > 0) {
    return reply({
      title: `No talk about "${asked}"`,
      blocks: [
        { kind: 'paragraph', text: `No report links a talk to "${asked}". These speakers' roles mention it:` },
        { kind: 'list', items: answer.byRole.map((speaker) => describeAnswer(speaker, severalEvents)) },
      ],
      buttons: answer.byRole.slice(0, MAX_PICK_BUTTONS).map((speaker) => ({ label: speaker.name, action: { command: 'speakers', args: speaker.name } })),
    });
  }
  const close = closeTopics(library, asked);
  // What the reports do say about it, when it is a pillar or belongs to one.
  const pillarHint = answer.pillar === null ? [] : [{ kind: 'context' as const, text: `What the reports say about ${answer.pillar.name}: /pillars ${answer.pillar.id}` }];
  if (library.talks.length === 0) {
    return reply({
      title: `Nobody linked to "${asked}"`,
      blocks: [{ kind: 'paragraph', text: 'The reports name their speakers but not who gave which session, so I cannot tell who spoke about it. /speakers lists everyone.' }, ...pillarHint],
      ephemeral: true,
    });
  }
  return reply({
    title: `Nobody spoke about "${asked}"`,
    blocks: [
      { kind: 'paragraph', text: `No report links a speaker to "${asked}".` },
      close.length > 0 ? { kind: 'paragraph', text: `Did you mean ${close.map((title) => `"${title}"`).join(', ')}?` } : { kind: 'context', text: 'Try another service, a pillar or words of a talk title, or /speakers to see everyone.' },
      ...pillarHint,
    ],
    ephemeral: true,
  });
}
