import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';

/** A logger at info level whose output a test reads back: as one text, or as its lines. */
export function recordingLogger(): { logger: Logger; text: () => string; lines: () => string[] } {
  let output = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString('utf8');
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination: stream }), text: () => output, lines: () => output.split('\n').filter(Boolean) };
}
