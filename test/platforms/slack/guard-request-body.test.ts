import { parse } from 'node:querystring';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeSlashCommand, sendEvent, sendSigned } from '../../fakes/fake-slack.js';
import { mayHavePayloadField } from '../../../src/platforms/slack/guard-request-body.js';
import { SIGNING_SECRET, startHarness, type Harness } from './slack-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

describe('a signed request whose body is not a JSON object', () => {
  it.each([
    ['JSON null', 'null', JSON_TYPE],
    ['a JSON number', '42', JSON_TYPE],
    ['JSON true', 'true', JSON_TYPE],
    ['a JSON string', '"ssl_check"', JSON_TYPE],
    ['a JSON array', '[{"type":"event_callback"}]', JSON_TYPE],
    ['broken JSON', '{"type":', JSON_TYPE],
    ['an empty body', '', JSON_TYPE],
    ['a form payload of null', 'payload=null', FORM_TYPE],
    ['a form payload that is an array', `payload=${encodeURIComponent('[]')}`, FORM_TYPE],
    ['a form payload of null after other fields', 'token=legacy&payload=null', FORM_TYPE],
    ['a form payload of null under an escaped key', 'p%61yload=null', FORM_TYPE],
  ])('%s is answered 400, and the bot keeps answering', async (_label, body, contentType) => {
    harness = await startHarness();
    const h = harness;
    const bad = await sendSigned(h.url, SIGNING_SECRET, body, contentType);
    expect(bad.status).toBe(400);
    expect(h.bot.routed).toEqual([]);

    // The same process still takes a real event and answers it.
    const dm = { type: 'message', channel_type: 'im', channel: 'D0GUARD', user: 'U0GUARD', text: 'speakers thinh', ts: '1700000002.000100' };
    const good = await sendEvent(h.url, SIGNING_SECRET, { type: 'event_callback', team_id: 'T0FAKE', event_id: 'EvGuard', event_time: 1, event: dm });
    expect(good.status).toBe(200);
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').length === 1, 5_000);
    expect(h.records).toContainEqual(expect.objectContaining({ level: 40, msg: expect.stringContaining('not a JSON object') }));
  }, 10_000);
});

describe('which forms are parsed to look for a payload', () => {
  it('a slash command (no payload field) is not, whatever its text says', () => {
    expect(mayHavePayloadField(Buffer.from(encodeSlashCommand({ command: '/takeaways', text: 'search payload=null & more' })))).toBe(false);
  });

  it('every form that has a payload field, as Node reads forms, is', () => {
    // Keys written plainly or with any of their letters %-escaped (either case of hex), values anything.
    const escapeLetter = (letter: string, way: string | undefined) => {
      const hex = letter.charCodeAt(0).toString(16);
      return way === 'lower' ? `%${hex}` : way === 'upper' ? `%${hex.toUpperCase()}` : letter;
    };
    const escaped = (word: string) =>
      fc.array(fc.constantFrom('plain', 'lower', 'upper'), { minLength: word.length, maxLength: word.length }).map((ways) => [...word].map((letter, index) => escapeLetter(letter, ways[index])).join(''));
    const key = fc.oneof(escaped('payload'), fc.constantFrom('token', 'text', 'payloads', 'pay', ''), fc.string({ maxLength: 8 }));
    const pair = fc.tuple(key, fc.oneof(fc.constant(null), fc.string({ maxLength: 8 }))).map(([name, value]) => (value === null ? name : `${name}=${value}`));
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 6 }), (pairs) => {
        const form = pairs.join('&');
        if (parse(form)['payload'] !== undefined) expect(mayHavePayloadField(Buffer.from(form))).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
