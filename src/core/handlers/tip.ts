import type { CommandContext } from '../command-context.js';
import type { Library } from '../library.js';
import { reply, type Reply } from '../reply.js';
import { tipForDay } from '../tip-rotation.js';
import { dayInZone, tipAfter, type Tip } from '../tips.js';
import { resolveEvent } from './events.js';

export function renderTip(tip: Tip, heading = 'Security tip of the day'): Reply {
  const byline = tip.event.reports.length > 1 && tip.author ? ` (from ${tip.author}'s report)` : '';
  const origin = [`From ${tip.event.name}${byline}`, tip.pillar ? `Pillar: ${tip.pillar.name}` : ''].filter(Boolean).join(' · ');
  return reply({ title: heading, blocks: [{ kind: 'paragraph', text: tip.text }, { kind: 'context', text: origin }] });
}

const noTips = () =>
  reply({ title: 'Security tip of the day', blocks: [{ kind: 'paragraph', text: 'No report lists lessons learned yet, so there is no tip to give.' }] });

export async function handleTip({ library, args, action, now, timeZone, store }: CommandContext): Promise<Reply> {
  const variant = action.variant ?? 0;
  let today: Tip | null;
  let pool: readonly Tip[] = library.tips;
  if (args) {
    const resolved = resolveEvent(library, args);
    if ('reply' in resolved) return resolved.reply;
    pool = library.tips.filter((tip) => tip.event.key === resolved.event.key);
    today = pickFromEventPool(pool, now, timeZone);
  } else {
    today = await tipForDay(library, store, now, timeZone);
  }
  if (!today) return noTips();
  const shown = variant === 0 ? today : tipAfter(pool, today, variant);
  const answer = renderTip(shown, variant === 0 ? 'Security tip of the day' : 'Another security tip');
  if (pool.length > 1) answer.buttons.push({ label: 'Another tip', action: { command: 'tip', args, variant: (variant + 1) % pool.length } });
  return answer;
}

/** One event's tips rotate by day on their own, without touching the shared rotation. */
function pickFromEventPool(pool: readonly Tip[], now: Date, timeZone: string): Tip | null {
  if (pool.length === 0) return null;
  const day = Math.floor(Date.parse(`${dayInZone(now, timeZone)}T00:00:00Z`) / 86_400_000);
  return pool[day % pool.length] ?? null;
}

export async function tipOfTheDayReply(library: Library, context: Pick<CommandContext, 'store' | 'timeZone' | 'now'>, date: Date): Promise<Reply> {
  const tip = await tipForDay(library, context.store, date, context.timeZone, context.now);
  return tip ? renderTip(tip) : noTips();
}
