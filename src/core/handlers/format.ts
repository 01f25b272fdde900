import type { Speaker, TakeawayEvent } from '../../content/model.js';

/** "Name — role, org" with whatever parts the report gives. */
export function describeSpeaker(speaker: Speaker): string {
  const role = [speaker.role, speaker.org && !speaker.role?.includes(speaker.org) ? speaker.org : null].filter(Boolean).join(', ');
  return role ? `${speaker.name} — ${role}` : speaker.name;
}

/** "Event name (2025-11-29)". */
export function describeEvent(event: TakeawayEvent): string {
  return event.date ? `${event.name} (${event.date})` : event.name;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
