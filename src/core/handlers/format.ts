import type { Speaker } from '../../content/model.js';
import type { LibraryEvent } from '../library.js';

/** "Name — role, org" with whatever parts the report gives. */
export function describeSpeaker(speaker: Speaker): string {
  const role = [speaker.role, speaker.org && !speaker.role?.includes(speaker.org) ? speaker.org : null].filter(Boolean).join(', ');
  return role ? `${speaker.name} — ${role}` : speaker.name;
}

/** "Event name (2025-11-29)". */
export function describeEvent(event: Pick<LibraryEvent, 'name' | 'date'>): string {
  return event.date ? `${event.name} (${event.date})` : event.name;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "— from Bao" after a point, when the event has reports by more than one author; nothing otherwise. */
export function fromAuthor(event: LibraryEvent, text: string): string {
  const authors = new Set(event.reports.map((report) => report.author));
  const author = event.authorOf.get(text);
  return authors.size > 1 && author ? ` — from ${author}` : '';
}

/** "3 reports by Bao, Linh and Kha" (at most three authors named). */
export function describeReports(event: LibraryEvent): string {
  const authors = [...new Set(event.reports.map((report) => report.author))];
  const named = authors.length <= 3 ? authors.join(', ') : `${authors.slice(0, 3).join(', ')} and ${authors.length - 3} more`;
  return `${plural(event.reports.length, 'report')} by ${named}`;
}
