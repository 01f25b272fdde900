import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseContentRepository, type ContentRepository } from '../../src/sources/content-repository.js';
import { createGitHubWebhookHandler, GITHUB_WEBHOOK_PATH, type PushNotice } from '../../src/sources/github-webhook.js';
import { deliverWebhook, pushEvent } from '../support/github-push.js';
import { createCapturingLogger } from '../support/test-bot.js';

const SECRET = 'webhook-test-secret-value';

function repository(entry: string): ContentRepository {
  const parsed = parseContentRepository(entry);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.repository;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

/** The handler alone, on a real HTTP server, with the pushes it accepted. */
async function serveWebhook(options: { secret?: string | undefined; repositories?: ContentRepository[] } = {}) {
  const pushes: PushNotice[] = [];
  const { logger, lines } = createCapturingLogger();
  const handler = createGitHubWebhookHandler({
    secret: 'secret' in options ? options.secret : SECRET,
    repositories: options.repositories ?? [repository('https://github.com/Writer/Site.git'), repository('git@github.com:writer/drafts.git#review')],
    logger,
    onPush: (push) => pushes.push(push),
  });
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}${GITHUB_WEBHOOK_PATH}`;
  return { url, pushes, logs: lines };
}

describe('the GitHub push webhook', () => {
  it('accepts a signed push to a configured repository with 202 and asks for its sync', async () => {
    const { url, pushes } = await serveWebhook();
    const delivered = await deliverWebhook(url, 'push', JSON.stringify(pushEvent('writer/site')), SECRET);
    expect(delivered.status).toBe(202);
    expect(JSON.parse(delivered.body)).toEqual({ status: 'accepted', repository: 'Writer/Site' });
    expect(pushes).toEqual([expect.objectContaining({ ref: 'refs/heads/main', delivery: 'test-delivery', repository: expect.objectContaining({ site: 'Writer/Site' }) })]);
  });

  it.each([
    ['its clone URL', { full_name: 'someone/else', clone_url: 'https://github.com/WRITER/SITE.git' }],
    ['its html URL without .git', { full_name: 'someone/else', html_url: 'https://github.com/writer/site' }],
    ['its ssh URL', { full_name: 'someone/else', ssh_url: 'git@github.com:writer/site.git' }],
    ['its owner/name in another case', { full_name: 'WRITER/site' }],
  ])('matches the repository by %s', async (_case, repositoryFields) => {
    const { url, pushes } = await serveWebhook();
    const body = JSON.stringify({ ref: 'refs/heads/main', repository: { default_branch: 'main', ...repositoryFields } });
    expect((await deliverWebhook(url, 'push', body, SECRET)).status).toBe(202);
    expect(pushes.map((push) => push.repository.site)).toEqual(['Writer/Site']);
  });

  it('follows the configured #branch: a push to it syncs, a push to the default branch is ignored', async () => {
    const { url, pushes } = await serveWebhook();
    expect((await deliverWebhook(url, 'push', JSON.stringify(pushEvent('writer/drafts', { ref: 'refs/heads/main' })), SECRET)).status).toBe(202);
    expect(pushes).toEqual([]);
    await deliverWebhook(url, 'push', JSON.stringify(pushEvent('writer/drafts', { ref: 'refs/heads/review' })), SECRET);
    expect(pushes.map((push) => push.ref)).toEqual(['refs/heads/review']);
  });

  it.each([
    ['a wrong signature', 'not-the-secret'],
    ['no signature', undefined],
  ])('answers 401 to %s and syncs nothing', async (_case, signingSecret) => {
    const { url, pushes, logs } = await serveWebhook();
    const delivered = await deliverWebhook(url, 'push', JSON.stringify(pushEvent('writer/site')), signingSecret);
    expect(delivered.status).toBe(401);
    expect(pushes).toEqual([]);
    expect(logs().some((line) => String(line['msg']).includes('X-Hub-Signature-256: answered 401'))).toBe(true);
  });

  it('answers 401 to a body changed after it was signed', async () => {
    const { url, pushes } = await serveWebhook();
    const { sign } = await import('@octokit/webhooks-methods');
    const signature = await sign(SECRET, JSON.stringify(pushEvent('writer/other')));
    const delivered = await deliverWebhook(url, 'push', JSON.stringify(pushEvent('writer/site')), undefined, { 'x-hub-signature-256': signature });
    expect(delivered.status).toBe(401);
    expect(pushes).toEqual([]);
  });

  it('ignores a push to a repository it does not follow, with 202', async () => {
    const { url, pushes } = await serveWebhook();
    const delivered = await deliverWebhook(url, 'push', JSON.stringify(pushEvent('writer/unrelated')), SECRET);
    expect(delivered.status).toBe(202);
    expect(JSON.parse(delivered.body)).toEqual({ status: 'ignored', reason: 'writer/unrelated is not one of the configured repositories' });
    expect(pushes).toEqual([]);
  });

  it.each(['ping', 'issues', 'pull_request'])('ignores a signed %s event with 202', async (event) => {
    const { url, pushes } = await serveWebhook();
    const delivered = await deliverWebhook(url, event, JSON.stringify({ zen: 'Keep it logically awesome.', repository: pushEvent('writer/site')['repository'] }), SECRET);
    expect(delivered.status).toBe(202);
    expect(JSON.parse(delivered.body)).toMatchObject({ status: 'ignored' });
    expect(pushes).toEqual([]);
  });

  it('answers 400 to a signed body that is not JSON, and to a push without a repository', async () => {
    const { url, pushes } = await serveWebhook();
    expect((await deliverWebhook(url, 'push', '{"ref": "refs/heads/main", "repository": ', SECRET)).status).toBe(400);
    expect((await deliverWebhook(url, 'push', '{"ref": "refs/heads/main"}', SECRET)).status).toBe(400);
    expect(pushes).toEqual([]);
  });

  it('reads a form-encoded delivery (payload=…), as GitHub sends when the hook is set to that content type', async () => {
    const { url, pushes } = await serveWebhook();
    const body = new URLSearchParams({ payload: JSON.stringify(pushEvent('writer/site')) }).toString();
    expect((await deliverWebhook(url, 'push', body, SECRET, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(202);
    expect(pushes).toHaveLength(1);
  });

  it('answers 413 to a body over 1 MB, signed or not, before checking anything else', async () => {
    const { url, pushes } = await serveWebhook();
    const huge = JSON.stringify({ ...pushEvent('writer/site'), padding: 'x'.repeat(1024 * 1024) });
    expect((await deliverWebhook(url, 'push', huge, SECRET)).status).toBe(413);
    expect((await deliverWebhook(url, 'push', huge, undefined)).status).toBe(413);
    expect(pushes).toEqual([]);
  });

  it('answers 404 when GITHUB_WEBHOOK_SECRET is not set, whatever is sent, and says why in the log', async () => {
    const { url, pushes, logs } = await serveWebhook({ secret: undefined });
    expect((await deliverWebhook(url, 'push', JSON.stringify(pushEvent('writer/site')), SECRET)).status).toBe(404);
    expect(pushes).toEqual([]);
    expect(logs().some((line) => String(line['msg']).includes('GITHUB_WEBHOOK_SECRET is not set'))).toBe(true);
  });

  it('answers 405 to anything but POST', async () => {
    const { url } = await serveWebhook();
    const response = await fetch(url);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
