import { sign } from '@octokit/webhooks-methods';

/** The parts of a GitHub push event the bot reads, shaped as GitHub sends them. */
export function pushEvent(fullName: string, options: { ref?: string; defaultBranch?: string; host?: string } = {}): Record<string, unknown> {
  const host = options.host ?? 'github.com';
  return {
    ref: options.ref ?? 'refs/heads/main',
    before: '0'.repeat(40),
    after: 'f'.repeat(40),
    repository: {
      name: fullName.split('/').at(-1),
      full_name: fullName,
      html_url: `https://${host}/${fullName}`,
      clone_url: `https://${host}/${fullName}.git`,
      ssh_url: `git@${host}:${fullName}.git`,
      git_url: `git://${host}/${fullName}.git`,
      default_branch: options.defaultBranch ?? 'main',
    },
    pusher: { name: 'writer' },
    commits: [],
  };
}

export interface WebhookDelivery {
  status: number;
  body: string;
}

/** POSTs a webhook as GitHub does: JSON, X-GitHub-Event, and X-Hub-Signature-256 signed with `secret` (unsigned when undefined). */
export async function deliverWebhook(url: string, event: string, body: string, secret: string | undefined, headers: Record<string, string> = {}): Promise<WebhookDelivery> {
  const signature: Record<string, string> = secret === undefined ? {} : { 'x-hub-signature-256': await sign(secret, body) };
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': 'test-delivery', ...signature, ...headers },
  });
  return { status: response.status, body: await response.text() };
}
