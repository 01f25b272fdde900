/**
 * Large JSON on standard output without building it as one string: `JSON.stringify(value, null, 2)` and a newline,
 * byte for byte, written a piece at a time. An export of 10,000 reports is about 90 MB: held as one string, then
 * converted to one buffer, it doubled the memory of the process and kept it busy long after the work was done.
 */
import type { Writable } from 'node:stream';

/** Pieces are gathered to about this many characters before a write. */
const CHUNK_CHARACTERS = 1 << 16;
/** Stored bytes are written in pieces of this size. */
const CHUNK_BYTES = 1 << 20;

/**
 * Writes `value` as `JSON.stringify(value, null, 2)` followed by a newline: an object's top-level arrays are
 * written an element at a time. Resolves when the last piece is handed to `out` (waiting for it to drain between
 * pieces, so a slow reader does not make it buffer everything): true when all of it was, false when the reader
 * closed the pipe first (`takeaways export | head`), which is no error. `copy` is given every piece too.
 */
export function writeJson(value: unknown, out: Writable = process.stdout, copy?: (piece: Buffer) => void): Promise<boolean> {
  return writeGuarded(out, (give) => writePieces(value, give), copy);
}

/** Writes `bytes` to `out`, like `writeJson`. */
export function writeBytes(bytes: Buffer, out: Writable = process.stdout): Promise<boolean> {
  return writeGuarded(out, async (give) => {
    for (let start = 0; start < bytes.length; start += CHUNK_BYTES) await give(bytes.subarray(start, start + CHUNK_BYTES));
  });
}

type Give = (piece: Buffer) => Promise<void>;

async function writeGuarded(out: Writable, produce: (give: Give) => Promise<void>, copy?: (piece: Buffer) => void): Promise<boolean> {
  let failure: NodeJS.ErrnoException | undefined;
  const failed = (error: NodeJS.ErrnoException) => (failure ??= error);
  out.on('error', failed);
  const stopped = new Error('the output failed');
  try {
    await produce(async (piece) => {
      // Nothing more is made once the output failed.
      if (failure !== undefined) throw stopped;
      copy?.(piece);
      if (!out.write(piece)) await drained(out);
    });
  } catch (error) {
    if (error !== stopped) throw error;
  } finally {
    out.off('error', failed);
  }
  if (failure !== undefined && failure.code !== 'EPIPE') throw failure;
  return failure === undefined;
}

async function writePieces(value: unknown, give: Give): Promise<void> {
  let pending = '';
  const write = async (text: string) => {
    pending += text;
    if (pending.length < CHUNK_CHARACTERS) return;
    const piece = pending;
    pending = '';
    await give(Buffer.from(piece, 'utf8'));
  };
  if (!isPlainObject(value)) {
    await write(`${JSON.stringify(value, null, 2)}\n`);
  } else {
    // What JSON.stringify leaves out of an object.
    const entries = Object.entries(value).filter(([, member]) => member !== undefined && typeof member !== 'function' && typeof member !== 'symbol');
    await write(entries.length === 0 ? '{}' : '{\n');
    for (const [index, [key, member]] of entries.entries()) {
      await write(`  ${JSON.stringify(key)}: `);
      if (Array.isArray(member) && member.length > 0) {
        await write('[\n');
        for (const [at, element] of member.entries()) {
          // Nested lines gain the indentation of their depth; a JSON string holds no raw newline.
          await write(`    ${(JSON.stringify(element, null, 2) ?? 'null').replaceAll('\n', '\n    ')}${at < member.length - 1 ? ',' : ''}\n`);
        }
        await write('  ]');
      } else {
        await write((JSON.stringify(member, null, 2) ?? 'null').replaceAll('\n', '\n  '));
      }
      await write(index < entries.length - 1 ? ',\n' : '\n');
    }
    await write(entries.length === 0 ? '\n' : '}\n');
  }
  if (pending !== '') await give(Buffer.from(pending, 'utf8'));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  return true;
}

/** When `out` can take more, fails or closes (a failure is seen by the caller's own listener). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('error', done);
      out.off('close', done);
      resolve();
    };
    out.once('drain', done);
    out.once('error', done);
    out.once('close', done);
  });
}
