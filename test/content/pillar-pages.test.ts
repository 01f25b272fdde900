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

  it('reads a numbered list of bold pillar items, each with its points nested below, as the pillars’ blocks', () => {
    const page = ['# Security Day', '', '### Nội dung nổi bật', '', '1. **Trụ cột 1: Quản lý danh tính (IAM)**', '   - Dùng role thay cho user.', '2. **Trụ cột 2: Phát hiện (Detection)**', '   - Bật GuardDuty ở mọi region.', '3. **Trụ cột 4: Bảo vệ dữ liệu**', '   - Mã hóa với KMS.', '   - Xoay vòng secret.', '', '### Điều mình học được', '', '- Bảo mật là nền móng.'];
    expect(pillarsOf(page)).toEqual([
      ['iam', 1],
      ['detection', 1],
      ['data', 2],
    ]);
  });

  it('reads paragraphs led by a numbered pillar label, even two of them, and a table of pillars with what was learned', () => {
    const gameDay = [
      '# Incident Response GameDay',
      '',
      '**Pillar 2 – Detection:** The accounts had GuardDuty on, but nobody was watching.',
      '',
      '**Pillar 5 – Incident response:** Contain first, then investigate.',
    ];
    expect(pillarsOf(gameDay)).toEqual([
      ['detection', 1],
      ['incident-response', 1],
    ]);
    // Labels naming two areas without numbering them are takeaways, not sections.
    expect(pillarsOf(['# Security Day', '', '**IAM:** use roles, not users.', '', '**Detection:** read the findings.'])).toEqual([]);
    const table = [
      '# Secure by Design Day',
      '',
      '| Pillar | What I learned |',
      '|---|---|',
      '| Identity & Access Management | Use IAM Identity Center with short-lived credentials. |',
      '| Detection | CloudTrail for the whole organization, GuardDuty everywhere. |',
      '| Data Protection | Encrypt with KMS customer managed keys. |',
    ];
    expect(pillarsOf(table)).toEqual([
      ['iam', 1],
      ['detection', 1],
      ['data', 1],
    ]);
  });

  it('gives an AI meetup no pillar from a heading that names one service', () => {
    const page = ['# GenAI Builders Night', '', '## Agents on Bedrock', '', '- Guardrails keep a bot on topic.', '', '## Logging prompts with CloudWatch', '', '- Keep traces for a week.'];
    expect(pillarsOf(page)).toEqual([]);
  });
});
