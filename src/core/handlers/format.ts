import type { PillarDefinition, Speaker } from '../../content/model.js';
import { languageName, type Translator } from '../i18n.js';
import type { LibraryEvent } from '../library.js';
import type { ReplyBlock } from '../reply.js';

/** "Name — role, org" with whatever parts the report gives. */
export function describeSpeaker(speaker: Speaker): string {
  const role = [speaker.role, speaker.org && !speaker.role?.includes(speaker.org) ? speaker.org : null].filter(Boolean).join(', ');
  return role ? `${speaker.name} — ${role}` : speaker.name;
}

/** "Event name (2025-11-29)". */
export function describeEvent(event: Pick<LibraryEvent, 'name' | 'date'>): string {
  return event.date ? `${event.name} (${event.date})` : event.name;
}

/**
 * "Point — from Bao", when the event has reports by more than one author; the point alone otherwise. `shown` is the
 * point as the answer writes it (with its event, say), when that differs from the text of the report.
 */
export function withAuthor(event: LibraryEvent, text: string, t: Translator, shown = text): string {
  const authors = new Set(event.reports.map((report) => report.author));
  const author = event.authorOf.get(text);
  return authors.size > 1 && author ? t('format.withAuthor', { text: shown, author }) : shown;
}

/** "3 reports by Bao, Linh, Kha" (at most three authors named, then "and 2 more"). */
export function describeReports(event: LibraryEvent, t: Translator): string {
  const authors = [...new Set(event.reports.map((report) => report.author))];
  const names = authors.slice(0, 3).join(', ');
  const named = authors.length <= 3 ? names : t('format.authorsAndMore', { names, count: authors.length - 3 });
  return t('format.reportsBy', { reports: t('count.report', { count: event.reports.length }), authors: named });
}

/** A pillar's name in the asker's language (the taxonomy's `vi` fields), English where a translation is missing. */
export function pillarName(pillar: Pick<PillarDefinition, 'name' | 'vi'>, t: Translator): string {
  return (t.language === 'vi' ? pillar.vi?.name : undefined) ?? pillar.name;
}

export function pillarDescription(pillar: Pick<PillarDefinition, 'description' | 'vi'>, t: Translator): string {
  return (t.language === 'vi' ? pillar.vi?.description : undefined) ?? pillar.description;
}

/**
 * Said once, discreetly: the reports answering are in another language than the asker's, because no twin in their
 * language exists ("This report is only in English."). Nothing when every event answers in the asker's language.
 */
export function languageNote(events: readonly LibraryEvent[], t: Translator): ReplyBlock[] {
  const other = events.filter((event) => event.lang !== t.language);
  if (other.length === 0) return [];
  const languages = [...new Set(other.map((event) => event.lang))];
  const language = t.list(languages.map((code) => languageName(code, t)), 'or');
  const key = other.length < events.length ? 'format.someOnlyIn' : events.length === 1 ? 'format.onlyIn' : 'format.allOnlyIn';
  return [{ kind: 'context', text: t(key, { language }) }];
}
