import type { RequestListener } from 'node:http';
import { HTTPModuleFunctions, isRawBodyError, type BufferedIncomingMessage } from '@slack/bolt';
import { describeError } from '../../errors.js';
import type { Logger } from '../../logger.js';

export interface RequestBodyGuardOptions {
  /** The receiver's event endpoints: only POSTs to these are read here. */
  paths: readonly string[];
  /** The same limit the receiver applies (Bolt skips its own once the body is read). */
  bodyLimit: number;
  logger: Logger;
}

/** The content type Bolt reads as a form (exactly this; any other is parsed as JSON). */
const FORM_TYPE = 'application/x-www-form-urlencoded';
const AMPERSAND = 0x26;
const EQUALS = 0x3d;
const PERCENT = 0x25;
const PAYLOAD = Buffer.from('payload');

/** Whether Bolt's receiver will parse the body into an object (not null, a number, an array or broken JSON). */
function parsesToObject(request: BufferedIncomingMessage): boolean {
  // A form is an object whatever its fields hold, unless it has a `payload` field, which Bolt reads as JSON. Slash
  // commands are forms without one, so they are not parsed a third time here (Bolt parses them twice already).
  if (request.headers['content-type'] === FORM_TYPE && !mayHavePayloadField(request.rawBody)) return true;
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(request);
  } catch {
    return false;
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/**
 * Whether a form body may have a `payload` field: a key spelled `payload`, or a key with a %-escape, which decodes to
 * who knows what (`p%61yload` is `payload` too). One pass over the bytes; `true` only means "parse it to be sure".
 */
export function mayHavePayloadField(form: Buffer): boolean {
  let keyStart = 0;
  let inKey = true;
  for (let index = 0; index < form.length; index += 1) {
    const byte = form[index];
    if (byte === AMPERSAND) {
      if (inKey && isPayloadKey(form, keyStart, index)) return true;
      keyStart = index + 1;
      inKey = true;
    } else if (inKey && byte === EQUALS) {
      if (isPayloadKey(form, keyStart, index)) return true;
      inKey = false;
    } else if (inKey && byte === PERCENT) {
      return true;
    }
  }
  return inKey && isPayloadKey(form, keyStart, form.length);
}

function isPayloadKey(form: Buffer, start: number, end: number): boolean {
  return end - start === PAYLOAD.length && form.compare(PAYLOAD, 0, PAYLOAD.length, start, end) === 0;
}

/**
 * Bolt's HTTPReceiver reads `body.ssl_check` before it checks the body is an object, outside any catch:
 * a signed request whose JSON is `null` (or a form `payload=null`) ended the process with a TypeError.
 * This reads an event request's body first, with Bolt's own parser and limit, answers 400 to one that is not
 * an object, and hands every other request to Bolt unchanged (the body already read, which Bolt reuses).
 */
export function guardRequestBodies(listener: RequestListener, options: RequestBodyGuardOptions): RequestListener {
  const { paths, bodyLimit, logger } = options;
  return (request, response) => {
    const url = request.url ?? '/';
    // An event path as it is (how Slack sends it) is its own pathname; anything else is read as Bolt reads it.
    const path = paths.includes(url) ? url : new URL(url, 'http://localhost').pathname;
    if (request.method?.toUpperCase() !== 'POST' || !paths.includes(path)) {
      // Synchronously, so Bolt's own error handling of other routes still applies.
      listener(request, response);
      return;
    }
    void (async () => {
      let buffered: BufferedIncomingMessage;
      try {
        buffered = await HTTPModuleFunctions.bufferIncomingMessage(request, bodyLimit);
      } catch (error) {
        const tooLarge = isRawBodyError(error) && error.statusCode === 413;
        logger.warn({ path, bodyLimit }, tooLarge ? 'slack: request body over the size limit; answered 413' : `slack: request body could not be read: ${describeError(error)}`);
        HTTPModuleFunctions.buildNoBodyResponse(response, tooLarge ? 413 : 400);
        return;
      }
      if (!parsesToObject(buffered)) {
        logger.warn({ path, contentType: request.headers['content-type'], bytes: buffered.rawBody.length }, 'slack: request body is not a JSON object; answered 400');
        HTTPModuleFunctions.buildNoBodyResponse(response, 400);
        return;
      }
      try {
        listener(buffered, response);
      } catch (error) {
        logger.error({ err: error, path }, 'slack: the receiver failed on a request');
        if (!response.headersSent) HTTPModuleFunctions.buildNoBodyResponse(response, 500);
      }
    })();
  };
}
