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

/** The body as Bolt's receiver will parse it: an object, or undefined for anything else (null, a number, broken JSON). */
function parsedObject(request: BufferedIncomingMessage): Record<string, unknown> | undefined {
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(request);
  } catch {
    return undefined;
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
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
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
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
      if (!parsedObject(buffered)) {
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
