import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeJson } from '../../src/cli/write-json.js';

/** A stream that keeps what it is given; `highWaterMark` small so that pieces wait for it to drain. */
class Collector extends Writable {
  text = '';
  writes = 0;
  constructor(private readonly failAfter?: { writes: number; code: string }) {
    super({ highWaterMark: 1024 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writes++;
    if (this.failAfter !== undefined && this.writes > this.failAfter.writes) {
      callback(Object.assign(new Error(`write ${this.failAfter.code}`), { code: this.failAfter.code }));
      return;
    }
    this.text += chunk.toString('utf8');
    setImmediate(callback);
  }
}

async function written(value: unknown): Promise<string> {
  const out = new Collector();
  await writeJson(value, out);
  return out.text;
}

describe('writeJson', () => {
  it('writes exactly what JSON.stringify(value, null, 2) and a newline give, for any JSON value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        expect(await written(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
      { numRuns: 300 },
    );
  });

  it('writes an export-shaped object the same, in many pieces, leaving out what JSON leaves out', async () => {
    const reports = Array.from({ length: 3_000 }, (_, index) => ({ source: `site/4.${index}/_index.md`, name: `Event "${index}"\n`, speakers: [{ name: 'Trần Đức Anh', role: null }], note: undefined }));
    const value = { reports, events: [], people: [[1, [2, {}]], undefined, () => 1], skipped: {}, nested: { deep: [{ a: [] }] }, gone: undefined, also: () => 1 };
    const out = new Collector();
    await writeJson(value, out);

    expect(out.text).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect(out.writes).toBeGreaterThan(3);
  });

  it('stops without an error when the reader closes the pipe (`export | head`), and fails on any other write error', async () => {
    const value = { reports: Array.from({ length: 5_000 }, (_, index) => ({ index, text: 'x'.repeat(100) })) };
    const closed = new Collector({ writes: 2, code: 'EPIPE' });
    await expect(writeJson(value, closed)).resolves.toBe(false);
    expect(closed.writes).toBeLessThan(5);

    await expect(writeJson(value, new Collector({ writes: 2, code: 'ENOSPC' }))).rejects.toThrow('ENOSPC');
  });
});
