/**
 * `POST /webhooks/github`: GitHub says a repository was pushed to, so its clone is synced now rather than at the next
 * CONTENT_SYNC_INTERVAL. Every request is verified against GITHUB_WEBHOOK_SECRET (X-Hub-Signature-256) before its
 * body is read as anything; the answer comes at once and the sync runs in the background.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verify } from '@octokit/webhooks-methods';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { repositoryAddress, type ContentRepository } from './content-repository.js';

export const GITHUB_WEBHOOK_PATH = '/webhooks/github';
/** Far above a push notice (GitHub lists at most 20 commits in one), far below what would hurt the process. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export interface PushNotice {
  repository: ContentRepository;
  /** `refs/heads/main` */
  ref: string;
  /** GitHub's id of this delivery, for the logs. */
  delivery: string | undefined;
}

export interface GitHubWebhookOptions {
  /** Unset: the route answers 404, as if it did not exist (nothing unverified is ever acted on). */
  secret: string | undefined;
  repositories: readonly ContentRepository[];
  /** Called for a verified push to a configured repository's followed branch; must not throw. */
  onPush: (push: PushNotice) => void;
  logger: Logger;
  bodyLimitBytes?: number;
}

export type WebhookRequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

const pushPayload = z.object({
  ref: z.string(),
  repository: z.object({
    full_name: z.string().optional(),
    clone_url: z.string().optional(),
    html_url: z.string().optional(),
    ssh_url: z.string().optional(),
    git_url: z.string().optional(),
    url: z.string().optional(),
    default_branch: z.string().optional(),
  }),
});
type PushPayload = z.output<typeof pushPayload>;

function answer(response: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}

type BodyRead = { kind: 'read'; text: string } | { kind: 'too-large' } | { kind: 'failed'; error: Error };

/**
 * The body as text, or `too-large` as soon as it passes the limit (a declared Content-Length over it is refused
 * before anything is read). What a refused client still sends is read and dropped, so it gets the answer.
 */
function readBody(request: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      request.resume();
      resolve({ kind: 'too-large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (done) return;
      done = true;
      resolve({ kind: 'read', text: Buffer.concat(chunks).toString('utf8') });
    });
    request.on('error', (error) => {
      if (done) return;
      done = true;
      resolve({ kind: 'failed', error });
    });
  });
}

async function signatureMatches(secret: string, body: string, signature: string | string[] | undefined): Promise<boolean> {
  if (typeof signature !== 'string' || signature === '' || body === '') return false;
  try {
    return await verify(secret, body, signature);
  } catch {
    return false;
  }
}

/** GitHub sends JSON, or `payload=<json>` when the hook's content type is application/x-www-form-urlencoded. */
function parsePayload(body: string, contentType: string | undefined): unknown {
  const json = /application\/x-www-form-urlencoded/i.test(contentType ?? '') ? (new URLSearchParams(body).get('payload') ?? '') : body;
  return JSON.parse(json) as unknown;
}

/** The configured repository a push names, by any of its URLs or its owner/name, in any case, with or without .git. */
function findPushedRepository(repositories: readonly ContentRepository[], payload: PushPayload['repository']): ContentRepository | undefined {
  const addresses = new Set(
    [payload.clone_url, payload.html_url, payload.ssh_url, payload.git_url, payload.url]
      .map((url) => (url === undefined ? undefined : repositoryAddress(url)))
      .filter((address): address is string => address !== undefined),
  );
  const fullName = payload.full_name?.toLowerCase().replace(/\.git$/, '');
  return repositories.find((repository) => addresses.has(repositoryAddress(repository.url) ?? '') || (fullName !== undefined && repository.site.toLowerCase() === fullName));
}

export function createGitHubWebhookHandler(options: GitHubWebhookOptions): WebhookRequestHandler {
  const { secret, repositories, onPush, logger } = options;
  const limit = options.bodyLimitBytes ?? WEBHOOK_BODY_LIMIT_BYTES;
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const delivery = typeof request.headers['x-github-delivery'] === 'string' ? request.headers['x-github-delivery'] : undefined;
    const event = typeof request.headers['x-github-event'] === 'string' ? request.headers['x-github-event'] : undefined;
    const context = { path: GITHUB_WEBHOOK_PATH, delivery, event };
    if (request.method !== 'POST') {
      request.resume();
      answer(response, 405, { error: 'method not allowed: GitHub webhooks are POSTed' }, { allow: 'POST' });
      return;
    }
    if (!secret) {
      request.resume();
      logger.warn(context, 'GitHub webhook received, but GITHUB_WEBHOOK_SECRET is not set: answered 404 (set it, and the same secret on GitHub, to sync on push)');
      answer(response, 404, { error: 'not found' });
      return;
    }
    const body = await readBody(request, limit);
    if (body.kind === 'too-large') {
      logger.warn({ ...context, limitBytes: limit }, `GitHub webhook body over ${limit} bytes: answered 413`);
      answer(response, 413, { error: `body over ${limit} bytes` }, { connection: 'close' });
      return;
    }
    if (body.kind === 'failed') {
      logger.warn({ ...context, err: body.error }, 'GitHub webhook body could not be read');
      if (!response.headersSent) answer(response, 400, { error: 'body could not be read' });
      return;
    }
    if (!(await signatureMatches(secret, body.text, request.headers['x-hub-signature-256']))) {
      logger.warn(context, 'GitHub webhook with a missing or wrong X-Hub-Signature-256: answered 401 (is the secret on GitHub the same as GITHUB_WEBHOOK_SECRET?)');
      answer(response, 401, { error: 'signature missing or wrong' });
      return;
    }
    let payload: unknown;
    try {
      payload = parsePayload(body.text, request.headers['content-type']);
    } catch {
      logger.warn(context, 'GitHub webhook body is not JSON: answered 400');
      answer(response, 400, { error: 'body is not JSON' });
      return;
    }
    if (event !== 'push') {
      logger.info(context, `GitHub webhook "${event ?? '(no X-GitHub-Event)'}" ignored: only pushes start a sync`);
      answer(response, 202, { status: 'ignored', reason: `only push events start a sync, not ${event ?? 'an unnamed event'}` });
      return;
    }
    const push = pushPayload.safeParse(payload);
    if (!push.success) {
      logger.warn(context, 'GitHub push webhook without a ref and repository: answered 400');
      answer(response, 400, { error: 'not a push payload: expected ref and repository' });
      return;
    }
    const repository = findPushedRepository(repositories, push.data.repository);
    const named = push.data.repository.full_name ?? push.data.repository.html_url ?? '(unnamed)';
    if (!repository) {
      logger.info({ ...context, repository: named }, `GitHub push to ${named} ignored: not one of CONTENT_REPOS`);
      answer(response, 202, { status: 'ignored', reason: `${named} is not one of the configured repositories` });
      return;
    }
    const followed = repository.branch ?? push.data.repository.default_branch;
    if (followed !== undefined && push.data.ref !== `refs/heads/${followed}`) {
      logger.info({ ...context, repository: repository.site, ref: push.data.ref }, `GitHub push to ${repository.site} ${push.data.ref} ignored: the bot follows ${followed}`);
      answer(response, 202, { status: 'ignored', reason: `${push.data.ref} is not the followed branch ${followed}` });
      return;
    }
    logger.info({ ...context, repository: repository.site, ref: push.data.ref }, `GitHub push to ${repository.site}: syncing it`);
    answer(response, 202, { status: 'accepted', repository: repository.site });
    onPush({ repository, ref: push.data.ref, delivery });
  };
  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error, path: GITHUB_WEBHOOK_PATH }, 'GitHub webhook failed');
      if (!response.headersSent) answer(response, 500, { error: 'internal error' });
    });
  };
}
