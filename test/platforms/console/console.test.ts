import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../../src/platforms/console/console.js';
import { modelOf, workshopEvent } from '../../support/sample-model.js';
import { createTestBot } from '../../support/test-bot.js';

async function converse(lines: string[], interactive = false): Promise<string> {
  const { bot } = createTestBot(modelOf(workshopEvent()));
  const input = new PassThrough();
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const done = runConsole({ bot, input, output, interactive });
  input.end(lines.map((line) => `${line}\n`).join(''));
  await done;
  return chunks.join('');
}

describe('the console', () => {
  it('answers each piped line in order, so it scripts', async () => {
    const output = await converse(['/speakers', '/pillars iam']);
    expect(output.indexOf('Speakers (6)')).toBeGreaterThanOrEqual(0);
    expect(output.indexOf('Pillar 1')).toBeGreaterThan(output.indexOf('Speakers (6)'));
  });

  it('presses a numbered button when its number is typed', async () => {
    const output = await converse(['speakers thinh', '2']);
    const second = /\[2\] (.+)$/m.exec(output)?.[1]?.trim();
    expect(['Nguyen Tuan Thinh', 'Thinh Lam']).toContain(second);
    expect(output).toMatch(new RegExp(`\\n${second}\\n─+\\nRole: `));
  });

  it('stops reading at /quit', async () => {
    const output = await converse(['/quit', '/speakers']);
    expect(output).not.toContain('Speakers');
  });

  it('greets a terminal user and answers plain words by searching', async () => {
    const output = await converse(['guardduty'], true);
    expect(output).toContain('Takeaways console');
    expect(output).toContain('Detect threats with GuardDuty');
  });
});
