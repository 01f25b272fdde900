/**
 * Remembers the last ids seen, so an event Slack redelivers (same `event_id`, `X-Slack-Retry-Num`)
 * is handled once. Bounded: the oldest ids are forgotten first; Slack retries within minutes.
 */
export class RecentIds {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 5_000) {}

  /** True the first time an id is offered, false on every repeat. */
  markFirst(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
