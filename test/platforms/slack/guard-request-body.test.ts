import { afterEach, describe, expect, it } from 'vitest';
import { sendEvent, sendSigned } from '../../fakes/fake-slack.js';
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
