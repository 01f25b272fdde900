import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/content/extract-event.js';
import { definitionListsAsFields, htmlBlocksAsMarkdown } from '../../src/content/html-lines.js';
import { identifyPage } from '../../src/content/page-identity.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';

describe('pages written in HTML or with definition lists', () => {
  it('rewrites lines of block elements as markdown in place, leaving tables and plain lines as they are', () => {
    const html = ['<h3>Detection</h3>', '<p><strong>Speaker:</strong> Trinh Bao Long, DevSecOps Lead</p>', '<ul>', '  <li>GuardDuty &amp; Security Hub.</li>', '</ul>', '<table><tr><td>A</td></tr></table>', 'Plain line with <br> inside'].join('\n');
    expect(htmlBlocksAsMarkdown(html).split('\n')).toEqual(['### Detection', '**Speaker:** Trinh Bao Long, DevSecOps Lead', '', '- GuardDuty & Security Hub.', '', '<table><tr><td>A</td></tr></table>', 'Plain line with <br> inside']);
  });

  it('reads a definition list as fields, a line each, the term lines left blank', () => {
    expect(definitionListsAsFields('## People\n\nHost\n: Doan Minh Khang — leader\n\nSpeaker\n: Trinh Bao Long — DevSecOps Lead\n')).toBe('## People\n\n\nHost: Doan Minh Khang — leader\n\n\nSpeaker: Trinh Bao Long — DevSecOps Lead\n');
  });

  it('finds the speakers and pillars of a page written in HTML, and those of a definition list, leaving out the host', () => {
    const read = (body: string) => {
      const outcome = extractPage(`---\ntitle: "Event 1"\n---\n\n${body}\n`, identifyPage('4.1-Event1/_index.md', 'content'), defaultTaxonomy);
      return outcome.kind === 'event' ? { speakers: outcome.event.speakers.map((speaker) => speaker.name), pillars: outcome.event.pillars.filter((pillar) => pillar.points.length > 0).map((pillar) => pillar.id) } : null;
    };
    const html = ['<h2>Cloud Security Day 2030</h2>', '<h3>Identity and access management</h3>', '<p><strong>Speaker:</strong> Ingrid Solberg, Senior Security Solutions Architect at AWS</p>', '<ul>', '<li>Humans sign in through IAM Identity Center.</li>', '</ul>', '<h3>Detection</h3>', '<ul>', '<li>GuardDuty everywhere.</li>', '</ul>', '<h3>Incident response</h3>', '<ul>', '<li>Write runbooks.</li>', '</ul>'].join('\n');
    expect(read(html)).toEqual({ speakers: ['Ingrid Solberg'], pillars: ['iam', 'detection', 'incident-response'] });
    const list = ['# Day', '', '## Speakers I heard', '', 'Host', ': Doan Minh Khang — leader', '', 'Keynote', ': Dr. Pham Quoc Vinh — CISO, Lotus Fintech', '', 'Track A', ': Solberg, Ingrid — Senior SA, AWS', ''].join('\n');
    expect(read(list)?.speakers).toEqual(['Pham Quoc Vinh', 'Solberg Ingrid']);
  });
});
