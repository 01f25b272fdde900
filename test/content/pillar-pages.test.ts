import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/content/extract-event.js';
import { identifyPage } from '../../src/content/page-identity.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';

function pillarsOf(lines: string[]): Array<[string, number]> {
  const outcome = extractPage(['---', 'title: "Event 3"', '---', '', ...lines, ''].join('\n'), identifyPage('4.3-Event3/_index.md', 'content'), defaultTaxonomy);
  return outcome.kind === 'event' ? outcome.event.pillars.filter((pillar) => pillar.points.length > 0).map((pillar) => [pillar.id, pillar.points.length]) : [];
}

describe('which pages have pillars', () => {
  it('reads a one-pillar lab as a security page when its name names the pillar', () => {
    const page = [
      '# Hands-on Lab "Mã hóa dữ liệu với AWS KMS & Secrets Manager"',
      '',
      '## Nội dung chính: Bảo vệ dữ liệu (Data Protection)',
      '',
      '- Envelope encryption với AWS KMS.',
      '- Secrets Manager xoay vòng mật khẩu tự động.',
      '',
      '## Điều mình học được',
      '',
      '- Key policy quyết định ai dùng được khóa.',
    ];
    expect(pillarsOf(page)).toEqual([['data', 2]]);
  });

  it('files a bold "Network & infrastructure" session under infrastructure protection on a security page', () => {
    const page = [
      '# Security Pillar Workshop',
      '',
      '### My notes',
      '',
      '**IAM — who can do what (Dang Quoc Bao)**',
      '- Identity Center for people, roles for workloads.',
      '',
      '**Detection (Chloe Nguyen)**',
      '- GuardDuty everywhere, Security Hub as the inbox.',
      '',
      '**Network & infrastructure (Rajesh Iyer)**',
      '- Private subnets for the app tier.',
      '- WAF and Shield at the edge.',
    ];
    expect(pillarsOf(page)).toEqual([
      ['iam', 1],
      ['detection', 1],
      ['infrastructure', 2],
    ]);
  });

  it('gives an AI meetup no pillar from a heading that names one service', () => {
    const page = ['# GenAI Builders Night', '', '## Agents on Bedrock', '', '- Guardrails keep a bot on topic.', '', '## Logging prompts with CloudWatch', '', '- Keep traces for a week.'];
    expect(pillarsOf(page)).toEqual([]);
  });
});
