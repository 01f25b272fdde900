import type { CommandContext } from '../command-context.js';
import type { SearchHitKind } from '../library.js';
import { reply, type Reply } from '../reply.js';
import { topicOfQuestion } from '../who-spoke.js';
import { speakersAbout } from './speakers-about.js';

const KIND_LABEL: Record<SearchHitKind, string> = {
  talk: 'Talk',
  speaker: 'Speaker',
  highlight: 'Highlight',
  lesson: 'Lesson',
  learned: 'Learned',
  purpose: 'Purpose',
};

export function handleSearch({ library, args }: CommandContext): Reply {
  if (!args) {
    return reply({ title: 'Search', blocks: [{ kind: 'paragraph', text: 'What should I look for? Try /search guardduty.' }], ephemeral: true });
  }
  // "/search who spoke about GuardDuty" is a question about speakers, not words to look for.
  const topic = topicOfQuestion(args);
  if (topic !== null) return speakersAbout(library, topic);
  const hits = library.search(args, 10);
  if (hits.length === 0) {
    return reply({
      title: 'Nothing found',
      blocks: [
        { kind: 'paragraph', text: `Nothing in the reports matches "${args}".` },
        { kind: 'context', text: 'Try another word, or /help for what I can answer.' },
      ],
      ephemeral: true,
    });
  }
  const several = library.events.length > 1;
  return reply({
    title: `Results for "${args}"`,
    blocks: [
      {
        kind: 'list',
        items: hits.map((hit) => {
          const where = [hit.detail, several ? hit.event.name : '', hit.author ? `from ${hit.author}` : ''].filter(Boolean).join(' · ');
          return `${KIND_LABEL[hit.kind]}: ${hit.text}${where ? ` (${where})` : ''}`;
        }),
      },
    ],
  });
}
