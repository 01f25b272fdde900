import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_FILE_NAME } from '../../src/store/open-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { runCli } from './run-cli.js';

describe('takeaways doctor', () => {
  it('prints the effective configuration with secrets masked and exits 0 when all is well', async () => {
    const token = 'xoxb-1111111111-2222222222-abcdefghijklmnopqrstuvwx';
    const result = await runCli(['doctor'], { env: { SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: 'signing-secret-value-123', REDIS_URL: '' } });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/SLACK_BOT_TOKEN\s+xoxb-…\(\d+ characters\)/);
    expect(result.stdout).toMatch(/DISCORD_TOKEN\s+\(not set\)/);
    expect(result.stdout).toContain('Platforms: Slack (HTTP on port 3000)');
    expect(result.stdout).toMatch(/Content: 1 event\(s\), 9 speaker\(s\)/);
    expect(result.stdout).toMatch(/Schedule: "0 9 \* \* 1-5" in UTC; next post \d{4}-\d{2}-\d{2} 09:00:00/);
    expect(result.stdout).toContain("No problems found.");
    expect(result.stdout + result.stderr).not.toContain(token);
    expect(result.stdout + result.stderr).not.toContain('signing-secret-value-123');
  });

  it('exits non-zero and names the problem when the content folder holds no report', async () => {
    const result = await runCli(['doctor'], { env: { CONTENT_DIR: 'test/support' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Problems \(1\):\n {2}- no report found in test\/support/);
  });

  it('exits non-zero on an invalid configuration, naming the key', async () => {
    const result = await runCli(['doctor'], { env: { TIP_CRON: 'every morning' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('TIP_CRON');
  });

  it('shows REDIS_URL with its password hidden, and an unreachable Redis as a problem', async () => {
    const result = await runCli(['doctor'], { env: { REDIS_URL: 'redis://:hunter2hunter2@127.0.0.1:1/0' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/REDIS_URL\s+redis:\/\/:\*{4}@127\.0\.0\.1:1\/0/);
    expect(result.stdout).toContain('cannot reach Redis');
    expect(result.stdout + result.stderr).not.toContain('hunter2hunter2');
  }, 30_000);

  it.each([
    ['not JSON', '[{"day":"2026-03-02","tipId":"ab', /is not JSON/],
    ['not a list', '{"day":"2026-03-02","tipId":"abc"}', /is not a list of days/],
    ['a list with entries that are not days and tips', '[{"day":"2026-03-02","tipId":"abc"},{"day":3},"x"]', /2 of its 3 entries are not a day with a tip/],
  ])('exits non-zero on a tip rotation record that is %s, saying how to start it afresh', async (_case, raw, expected) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'takeaways-doctor-'));
    const store = SqliteStore.open(join(dataDir, STORE_FILE_NAME));
    await store.setValue('tips:rotation', raw);
    await store.close();

    const result = await runCli(['doctor'], { env: { DATA_DIR: dataDir } });

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Problems \(1\):\n {2}- the tip rotation record \(tips:rotation\) is damaged: /);
    expect(result.stdout).toMatch(expected);
    expect(result.stdout).toContain(`DELETE FROM kv WHERE key = 'tips:rotation'`);
  });
});
