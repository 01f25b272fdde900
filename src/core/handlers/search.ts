import type { CommandContext } from '../command-context.js';
import type { SearchHitKind } from '../library.js';
import { reply, type Reply } from '../reply.js';
import { topicOfQuestion } from '../who-spoke.js';
import { speakersAbout } from './speakers-about.js';

/** Hits whose detail is the kind of text they are, said in the asker's language rather than the index's. */
const KIND_DETAIL: Partial<Record<SearchHitKind, 'search.detail.lesson' | 'search.detail.learned' | 'search.detail.purpose'>> = {
  lesson: 'search.detail.lesson',
  learned: 'search.detail.learned',
  purpose: 'search.detail.purpose',
};

export function handleSearch(context: CommandContext): Reply {
  const { library, args, t } = context;
  if (!args) {
    return reply({ title: t('search.title'), blocks: [{ kind: 'paragraph', text: t('search.empty') }], ephemeral: true });
  }
  // "/search who spoke about GuardDuty" is a question about speakers, not words to look for.
  const topic = topicOfQuestion(args);
  if (topic !== null) return speakersAbout(library, topic, t);
  const hits = library.search(args, 10);
  if (hits.length === 0) {
    return reply({
      title: t('search.nothingTitle'),
      blocks: [
        { kind: 'paragraph', text: t('search.nothingText', { query: args }) },
        { kind: 'context', text: t('search.nothingHint') },
      ],
      ephemeral: true,
    });
  }
  const several = library.events.length > 1;
  return reply({
    title: t('search.resultsTitle', { query: args }),
    blocks: [
      {
        kind: 'list',
        items: hits.map((hit) => {
          const detailKey = KIND_DETAIL[hit.kind];
          const detail = detailKey ? t(detailKey) : hit.detail;
          const where = [detail, several ? hit.event.name : '', hit.author ? t('search.fromAuthor', { author: hit.author }) : ''].filter(Boolean).join(' · ');
          const kind = t(`search.kind.${hit.kind}`);
          return where ? t('search.hitWhere', { kind, text: hit.text, where }) : t('search.hit', { kind, text: hit.text });
        }),
      },
    ],
  });
}
