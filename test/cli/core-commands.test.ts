import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadLibrary } from '../../src/app/load-library.js';
import { folderSources } from '../../src/sources/content-sources.js';
import { pickTip } from '../../src/core/tips.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { runCli, SEED_SITE } from './run-cli.js';

describe('takeaways ask and tip, on the seed report', () => {
  it('names both Thinhs as a JSON reply', async () => {
    const result = await runCli(['ask', '/speakers thinh', '--format', 'json']);
    expect(result.code).toBe(0);
    const reply = JSON.parse(result.stdout) as Reply;
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('Nguyen Tuan Thinh');
    expect(text).toContain('Thinh Lam');
  });

  it.each([
    ['vi', ['Trụ cột 1 — Quản lý danh tính và truy cập (IAM)', 'Quản lý danh tính là nền tảng', 'Dịch vụ AWS được nhắc đến'], 'Identity controls form the foundation'],
    ['en', ['Pillar 1 — Identity & Access Management', 'Identity controls form the foundation', 'AWS services named'], 'Quản lý danh tính là nền tảng'],
  ])('answers "/pillars iam" --lang %s on a site with twins from the twin in that language', async (language, expected, absent) => {
    const site = resolve('test/content/fixtures/sites/GiaPhaZZZ__aws/content');
    const result = await runCli(['ask', '/pillars iam', '--lang', language], { env: { CONTENT_DIR: site } });
    expect(result.code).toBe(0);
    for (const part of expected) expect(result.stdout).toContain(part);
    expect(result.stdout).not.toContain(absent);
  });

  it('refuses a language it does not speak, naming those it does', async () => {
    const result = await runCli(['ask', 'tip', '--lang', 'fr']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--lang fr: the bot answers in en, vi');
  });

  it('gives the KMS and Secrets Manager points for the data pillar', async () => {
    const result = await runCli(['ask', '/pillars data']);
    expect(result.stdout).toContain('Pillar 4 — Data Protection');
    expect(result.stdout).toMatch(/KMS, Secrets Manager in protecting data/);
    expect(result.stdout).toMatch(/AWS services named: .*AWS Secrets Manager/);
  });

  it('lists the five pillars and answers a greeting with help', async () => {
    const pillars = await runCli(['ask', '/pillars']);
    expect(pillars.stdout.match(/^ {2}• \d\. /gm)).toHaveLength(5);
    const hello = await runCli(['ask', 'hello']);
    expect(hello.stdout).toContain('/speakers [name]');
  });

  it('prints the exact Slack and Discord payloads', async () => {
    const slack = JSON.parse((await runCli(['ask', '/tip', '--format', 'slack'])).stdout) as { text: string; blocks: unknown[] };
    expect(slack.blocks.length).toBeGreaterThan(0);
    const discord = JSON.parse((await runCli(['ask', '/tip', '--format', 'discord'])).stdout) as { allowed_mentions: unknown };
    expect(discord.allowed_mentions).toEqual({ parse: [] });
  });

  it('prints four different lessons for four days', async () => {
    const result = await runCli(['tip', '--date', '2026-03-02', '--days', '4']);
    const tips = result.stdout.split('\n').filter((line) => /^\d{4}-\d{2}-\d{2} {2}/.test(line));
    expect(tips).toHaveLength(4);
    expect(new Set(tips.map((line) => line.slice(12))).size).toBe(4);
  });

  it('previews the days the schedule posts on: a weekend takes no tip under the default weekday cron', async () => {
    const result = await runCli(['tip', '--date', '2026-03-06', '--days', '3']);
    const days = [...result.stdout.matchAll(/^(\d{4}-\d{2}-\d{2}) {2}(.+)$/gm)];
    expect(days.map((match) => match[1])).toEqual(['2026-03-06', '2026-03-09', '2026-03-10']);
    expect(new Set(days.map((match) => match[2])).size).toBe(3);
  });

  it('prints the day asked for, even in a zone far from UTC', async () => {
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Ho_Chi_Minh']) {
      const result = await runCli(['tip', '--date', '2026-12-01', '--days', '2'], { env: { TIP_TIMEZONE: zone } });
      expect(result.stdout, zone).toMatch(/^2026-12-01 {2}.*\n.*\n2026-12-02 {2}/);
    }
  });

  it('answers "ask tip" with the tip the running bot would give, from its recorded rotation, and records nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'takeaways-ask-'));
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const library = (await loadLibrary({ sources: folderSources([SEED_SITE]), lang: 'en', tipSources: ['lessons'] })).library;
    const store = SqliteStore.open(join(dataDir, 'takeaways.sqlite'));
    // Yesterday's tip was the one the rotation would give today without history: today must be another.
    const unrecorded = pickTip(library.tips, [], today);
    await store.setValue('tips:rotation', JSON.stringify([{ day: yesterday, tipId: unrecorded?.id }]));
    await store.close();

    const scheduled = await runCli(['tip'], { env: { DATA_DIR: dataDir } });
    const asked = await runCli(['ask', 'tip'], { env: { DATA_DIR: dataDir } });
    const tipLine = /^\d{4}-\d{2}-\d{2} {2}(.+)$/m.exec(scheduled.stdout)?.[1];
    expect(tipLine).toBeDefined();
    expect(tipLine).not.toBe(unrecorded?.text);
    expect(asked.stdout).toContain(tipLine);

    const after = SqliteStore.open(join(dataDir, 'takeaways.sqlite'));
    expect(JSON.parse((await after.getValue('tips:rotation')) ?? '[]')).toHaveLength(1);
    await after.close();
  });

  it('rejects a bad format or day count with a clear message and exit code 1', async () => {
    const format = await runCli(['ask', 'tip', '--format', 'xml']);
    expect(format.code).toBe(1);
    expect(format.stderr).toContain('--format must be one of text, json, slack, discord');
    const days = await runCli(['tip', '--days', 'many']);
    expect(days.code).toBe(1);
    expect(days.stderr).toContain('--days must be a whole number');
  });
});

describe('npm start without tokens', () => {
  it('opens the console, which answers piped lines and stops at /quit', async () => {
    const result = await runCli(['start'], { input: '/speakers\n/quit\n/pillars\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Speakers (9)');
    expect(result.stdout).toContain('Quang Tinh Truongh — AWS Community Builder - Platform Engineer at TymeX');
    expect(result.stdout).not.toContain('Security pillars');
  });

  it('names every invalid key at once and exits non-zero', async () => {
    const result = await runCli(['start'], { env: { SLACK_BOT_TOKEN: 'xoxb-x', TIP_TIMEZONE: 'Mars/Olympus' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SLACK_SIGNING_SECRET');
    expect(result.stderr).toContain('SLACK_APP_TOKEN');
    expect(result.stderr).toContain('TIP_TIMEZONE');
  });
});
