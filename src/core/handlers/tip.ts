import type { CommandContext } from '../command-context.js';
import type { Translator } from '../i18n.js';
import type { Library } from '../library.js';
import { reply, type Reply } from '../reply.js';
import { tipForDay } from '../tip-rotation.js';
import { dayInZone, tipAfter, type Tip } from '../tips.js';
import { resolveEvent } from './events.js';
import { languageNote, pillarName } from './format.js';

export function renderTip(tip: Tip, t: Translator, heading = t('tip.title')): Reply {
  const from = tip.event.reports.length > 1 && tip.author ? t('tip.fromReportOf', { event: tip.event.name, author: tip.author }) : t('tip.from', { event: tip.event.name });
  const origin = [from, tip.pillar ? t('tip.pillar', { pillar: pillarName(tip.pillar, t) }) : ''].filter(Boolean).join(' · ');
  return reply({ title: heading, blocks: [{ kind: 'paragraph', text: tip.text }, { kind: 'context', text: origin }, ...languageNote([tip.event], t)] });
}

const noTips = (t: Translator) => reply({ title: t('tip.title'), blocks: [{ kind: 'paragraph', text: t('tip.none') }] });

export async function handleTip({ library, args, action, now, timeZone, store, t }: CommandContext): Promise<Reply> {
  const variant = action.variant ?? 0;
  let today: Tip | null;
  let pool: readonly Tip[] = library.tips;
  if (args) {
    const resolved = resolveEvent(library, args, t);
    if ('reply' in resolved) return resolved.reply;
    pool = library.tips.filter((tip) => tip.event.key === resolved.event.key);
    today = pickFromEventPool(pool, now, timeZone);
  } else {
    today = await tipForDay(library, store, now, timeZone);
  }
  if (!today) return noTips(t);
  const shown = variant === 0 ? today : tipAfter(pool, today, variant);
  const answer = renderTip(shown, t, variant === 0 ? t('tip.title') : t('tip.another'));
  if (pool.length > 1) answer.buttons.push({ label: t('tip.anotherButton'), action: { command: 'tip', args, variant: (variant + 1) % pool.length } });
  return answer;
}

/** One event's tips rotate by day on their own, without touching the shared rotation. */
function pickFromEventPool(pool: readonly Tip[], now: Date, timeZone: string): Tip | null {
  if (pool.length === 0) return null;
  const day = Math.floor(Date.parse(`${dayInZone(now, timeZone)}T00:00:00Z`) / 86_400_000);
  return pool[day % pool.length] ?? null;
}

export async function tipOfTheDayReply(library: Library, context: Pick<CommandContext, 'store' | 'timeZone' | 'now' | 't'>, date: Date): Promise<Reply> {
  const tip = await tipForDay(library, context.store, date, context.timeZone, context.now);
  return tip ? renderTip(tip, context.t) : noTips(context.t);
}
