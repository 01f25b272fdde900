import { createTask } from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { isTakeawaysError } from '../../src/errors.js';
import { describeCronProblem, TipSchedule } from '../../src/schedule/tip-schedule.js';

const schedules: TipSchedule[] = [];
afterEach(() => {
  for (const schedule of schedules.splice(0)) schedule.dispose();
});
const scheduleOf = (cron: string, zone: string) => {
  const schedule = new TipSchedule(cron, zone);
  schedules.push(schedule);
  return schedule;
};

describe('TipSchedule', () => {
  it('puts the default weekday 09:00 of Asia/Ho_Chi_Minh at 02:00 UTC, weekends skipped', () => {
    const slots = scheduleOf('0 9 * * 1-5', 'Asia/Ho_Chi_Minh').next(new Date('2026-03-05T12:00:00Z'), 7);

    expect(slots.map((slot) => [slot.id, slot.at.toISOString()])).toEqual([
      ['2026-03-06T09:00:00', '2026-03-06T02:00:00.000Z'],
      ['2026-03-09T09:00:00', '2026-03-09T02:00:00.000Z'],
      ['2026-03-10T09:00:00', '2026-03-10T02:00:00.000Z'],
      ['2026-03-11T09:00:00', '2026-03-11T02:00:00.000Z'],
      ['2026-03-12T09:00:00', '2026-03-12T02:00:00.000Z'],
      ['2026-03-13T09:00:00', '2026-03-13T02:00:00.000Z'],
      ['2026-03-16T09:00:00', '2026-03-16T02:00:00.000Z'],
    ]);
  });

  it.each([
    ['0 9 * * 1-5', 'Asia/Ho_Chi_Minh'],
    ['*/20 8-9 * * MON,WED', 'Europe/Berlin'],
    ['0 30 7 L * *', 'America/New_York'],
    ['0 0 12 * * 1#2', 'Australia/Sydney'],
    ['15 6 1,15 */2 *', 'UTC'],
  ])('"%s" in %s: every slot is an instant node-cron fires at', (cron, zone) => {
    const matcher = createTask(cron, () => undefined, { timezone: zone });
    try {
      const slots = scheduleOf(cron, zone).next(new Date('2026-01-01T00:00:00Z'), 40);
      expect(slots).toHaveLength(40);
      expect(slots.filter((slot) => !matcher.match(slot.at)).map((slot) => slot.id)).toEqual([]);
      expect(slots.map((slot) => slot.at.getTime())).toEqual([...slots.map((slot) => slot.at.getTime())].sort((a, b) => a - b));
    } finally {
      void matcher.destroy();
    }
  });

  it('names clock-change slots: the first of a repeated time, a skipped time moved past the jump', () => {
    const newYork = scheduleOf('30 1,2 * * *', 'America/New_York');

    expect(newYork.next(new Date('2026-03-08T00:00:00Z'), 2).map((slot) => [slot.id, slot.at.toISOString(), slot.kind])).toEqual([
      ['2026-03-08T01:30:00', '2026-03-08T06:30:00.000Z', 'exact'],
      ['2026-03-08T02:30:00', '2026-03-08T07:30:00.000Z', 'skipped'],
    ]);
    expect(newYork.next(new Date('2026-11-01T00:00:00Z'), 2).map((slot) => [slot.id, slot.at.toISOString(), slot.kind])).toEqual([
      ['2026-11-01T01:30:00', '2026-11-01T05:30:00.000Z', 'repeated'],
      ['2026-11-01T02:30:00', '2026-11-01T07:30:00.000Z', 'exact'],
    ]);
  });

  it('finds the latest due slot of today only', () => {
    const schedule = scheduleOf('0 9,15 * * *', 'Asia/Ho_Chi_Minh');

    expect(schedule.latestDue(new Date('2026-03-02T01:59:59Z'))).toBeNull();
    expect(schedule.latestDue(new Date('2026-03-02T07:59:59Z'))?.id).toBe('2026-03-02T09:00:00');
    expect(schedule.latestDue(new Date('2026-03-02T16:59:59Z'))?.id).toBe('2026-03-02T15:00:00');
    expect(schedule.latestDue(new Date('2026-03-02T17:00:00Z'))).toBeNull();
  });

  it.each([
    ['0 25 * * *', /hour/],
    ['0 9 * *', /expected 5 fields .* got 4/],
    ['0 9 31 2 *', /day of month/],
    ['every morning', /expected 5 fields/],
  ])('refuses "%s" with a reason', (cron, reason) => {
    expect(describeCronProblem(cron)).toMatch(reason);
  });

  it.each([
    ['0 25 * * *', 'UTC', /^TIP_CRON: "0 25 \* \* \*" is not a cron expression: .*hour/],
    ['0 9 * * 1-5', 'Asia/Saigon_City', /^TIP_TIMEZONE: "Asia\/Saigon_City" is not an IANA time zone/],
  ])('stops on "%s" in %s with a config error naming the key', (cron, zone, message) => {
    let caught: unknown;
    try {
      scheduleOf(cron, zone);
    } catch (error) {
      caught = error;
    }

    expect(isTakeawaysError(caught, 'config_invalid')).toBe(true);
    expect((caught as Error).message).toMatch(message);
  });
});

describe('schedule configuration', () => {
  it('defaults to weekdays at 09:00 with catch-up on and no channels', () => {
    const config = readConfig({});

    expect(config).toMatchObject({ TIP_CRON: '0 9 * * 1-5', TIP_TIMEZONE: 'UTC', TIP_CATCH_UP: true, TIP_SLACK_CHANNELS: [], TIP_DISCORD_CHANNELS: [] });
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('reads comma-separated channels, each once', () => {
    const config = readConfig({ TIP_SLACK_CHANNELS: 'C0123ABCD, C0456EFGH,C0123ABCD', TIP_DISCORD_CHANNELS: '300000000000000001', TIP_CATCH_UP: 'false' });

    expect(config.TIP_SLACK_CHANNELS).toEqual(['C0123ABCD', 'C0456EFGH']);
    expect(config.TIP_DISCORD_CHANNELS).toEqual(['300000000000000001']);
    expect(config.TIP_CATCH_UP).toBe(false);
  });

  it('stops with every schedule key named: a bad cron, zone, flag, channel and Redis URL together', () => {
    let caught: unknown;
    try {
      readConfig({ TIP_CRON: '0 25 * * *', TIP_TIMEZONE: 'Asia/Saigon_City', TIP_CATCH_UP: 'sometimes', TIP_DISCORD_CHANNELS: '#general', REDIS_URL: 'localhost:6379' });
    } catch (error) {
      caught = error;
    }

    expect(isTakeawaysError(caught, 'config_invalid')).toBe(true);
    const message = (caught as Error).message;
    expect(message).toMatch(/TIP_CRON: "0 25 \* \* \*" is not a cron expression: .*hour/);
    expect(message).toContain('TIP_TIMEZONE: expected an IANA time zone');
    expect(message).toContain('TIP_CATCH_UP: expected true or false');
    expect(message).toContain('TIP_DISCORD_CHANNELS: #general');
    expect(message).toContain('REDIS_URL: expected a URL such as redis://');
  });
});
