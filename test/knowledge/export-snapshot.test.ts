import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readExportSnapshot, writeExportSnapshot } from '../../src/knowledge/export-snapshot.js';
import { recordingLogger } from '../support/recording-logger.js';

describe('the export snapshot', () => {
  let folder: string;
  const header = Buffer.from('{"version":"1","model":"a","options":"b"}');
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'takeaways-export-snapshot-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  function save(pieces: string[], under = header): void {
    const writer = writeExportSnapshot({ folder, scope: 'export /site', header: under });
    for (const piece of pieces) writer.add(Buffer.from(piece));
    writer.commit();
  }

  it('gives back the text written in pieces, for the same header and scope only', () => {
    save(['{\n  "reports": [', 'Trần Đức Anh', '\n]}\n']);

    expect(readExportSnapshot({ folder, scope: 'export /site', header })?.toString('utf8')).toBe('{\n  "reports": [Trần Đức Anh\n]}\n');
    expect(readExportSnapshot({ folder, scope: 'export /site', header: Buffer.from('{"version":"2"}') })).toBeUndefined();
    expect(readExportSnapshot({ folder, scope: 'export /other', header })).toBeUndefined();
  });

  it('ignores a damaged one with a warning, and leaves no file behind when the export stopped part-way', () => {
    save(['x'.repeat(10_000)]);
    const [name] = readdirSync(folder);
    const path = join(folder, name ?? '');
    const bytes = readFileSync(path);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 1;
    writeFileSync(path, bytes);
    const { logger, text } = recordingLogger();

    expect(readExportSnapshot({ folder, scope: 'export /site', header, logger })).toBeUndefined();
    expect(text()).toContain('the export snapshot could not be used (it is damaged or truncated');

    rmSync(path);
    const writer = writeExportSnapshot({ folder, scope: 'export /site', header });
    writer.add(Buffer.from('{'));
    writer.abort();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('warns and never throws when the folder cannot be written', () => {
    // A file where the folder should be: refused even to root.
    const notAFolder = join(folder, 'file');
    writeFileSync(notAFolder, '');
    const { logger, text } = recordingLogger();
    const writer = writeExportSnapshot({ folder: notAFolder, scope: 'export /site', header, logger });
    writer.add(Buffer.from('{}'));
    writer.commit();

    expect(text()).toContain('the export snapshot could not be saved');
    expect(readdirSync(folder)).toEqual(['file']);
  });
});
