import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnCli } from '../support/cli-process.js';

export const SEED_SITE = resolve('test/content/fixtures/seed-site');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the `takeaways` CLI from source to its end, with no chat tokens, the seed report and a throwaway data folder. */
export async function runCli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const cli = spawnCli(args, { CONTENT_DIR: SEED_SITE, DATA_DIR: mkdtempSync(join(tmpdir(), 'takeaways-cli-')), ...options.env }, { input: options.input ?? '' });
  const { code } = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}
