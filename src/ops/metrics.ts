import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AnswerEvent } from '../core/create-bot.js';

/** The bot's Prometheus metrics, in a registry of its own (so tests and several bots never share one). */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly commands = new Counter({
    name: 'takeaways_commands_total',
    help: 'Commands answered, by command, platform and outcome (ok, error, rate_limited).',
    labelNames: ['command', 'platform', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly replySeconds = new Histogram({
    name: 'takeaways_reply_seconds',
    help: 'Time to build a reply, by command and platform.',
    labelNames: ['command', 'platform'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'takeaways_errors_total',
    help: 'Failures, by where they happened (command, post, reload, sync).',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly posts = new Counter({
    name: 'takeaways_posts_total',
    help: 'Tips posted, by platform and outcome.',
    labelNames: ['platform', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly reloads = new Counter({
    name: 'takeaways_content_reloads_total',
    help: 'Content reloads, by outcome (ok, kept_last_good).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly syncs = new Counter({
    name: 'takeaways_repository_syncs_total',
    help: 'Syncs of CONTENT_REPOS repositories, by outcome (ok, failed).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly events = new Gauge({ name: 'takeaways_content_events', help: 'Events currently answered from.', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'takeaways_' });
  }

  recordAnswer(event: AnswerEvent): void {
    this.commands.inc({ command: event.command, platform: event.platform, outcome: event.outcome });
    if (event.outcome !== 'rate_limited') this.replySeconds.observe({ command: event.command, platform: event.platform }, event.seconds);
    if (event.outcome === 'error') this.errors.inc({ kind: 'command' });
  }

  recordPost(platform: string, ok: boolean): void {
    this.posts.inc({ platform, outcome: ok ? 'ok' : 'failed' });
    if (!ok) this.errors.inc({ kind: 'post' });
  }

  recordReload(outcome: 'ok' | 'kept_last_good', events: number): void {
    this.reloads.inc({ outcome });
    if (outcome === 'kept_last_good') this.errors.inc({ kind: 'reload' });
    this.events.set(events);
  }

  recordSync(ok: boolean): void {
    this.syncs.inc({ outcome: ok ? 'ok' : 'failed' });
    if (!ok) this.errors.inc({ kind: 'sync' });
  }

  setEvents(count: number): void {
    this.events.set(count);
  }
}
