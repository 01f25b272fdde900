import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/content/extract-event.js';
import { identifyPage } from '../../src/content/page-identity.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';

function nameOf(text: string): string | null {
  const outcome = extractPage(text, identifyPage('4.3-Event3/_index.md', 'content'), defaultTaxonomy);
  return outcome.kind === 'event' ? outcome.event.name : null;
}

describe('event names', () => {
  it('reads the name the body gives when the title is only the chapter numbering ("Event 3")', () => {
    const page = ['---', 'title: "Event 3"', '---', '', '### Speakers', '', '- **Như Trần** – Account Manager, AWS', '', '### Event Experience', '', 'Attending the **AWS: Enterprise Cloud Architectures and Industry Application** study tour was eye-opening.', ''].join('\n');
    expect(nameOf(page)).toBe('AWS: Enterprise Cloud Architectures and Industry Application');
  });

  it('takes an H1 naming a programme ("chương trình") for the title, not for an agenda', () => {
    const page = ['---', 'title: "Sự kiện 1"', '---', '', '# Lễ Kick-off chương trình AWS First Cloud Journey', '', '### Diễn giả', '', '- **Anh Nguyễn Gia Hưng** – Trưởng chương trình FCJ', '', '### Điều mình học được', '', '- Viết worklog đều đặn.', ''].join('\n');
    expect(nameOf(page)).toBe('Lễ Kick-off chương trình AWS First Cloud Journey');
  });

  it('prefers a real front-matter title to an opening H3 that does not spell it out, but not to one that extends it', () => {
    const body = ['### Speakers', '', '- **Như Trần** – Account Manager, AWS', '', '### Key Takeaways', '', '- Least privilege first.', ''];
    expect(nameOf(['---', 'title: "Security Pillar Workshop"', '---', '', '### Why this workshop', '', 'Security as a system.', '', ...body].join('\n'))).toBe('Security Pillar Workshop');
    expect(nameOf(['---', 'title: "Event 1 - Cloud Day 2025"', '---', '', '## Cloud Day 2025: Builders Edition', '', ...body].join('\n'))).toBe('Cloud Day 2025: Builders Edition');
  });

  it('keeps a real title even when the body names something the author attended', () => {
    const page = ['---', 'title: "Cloud Day 2025"', '---', '', '### Speakers', '', '- **Như Trần** – Account Manager, AWS', '', '### Event Experience', '', 'Attending the **AWS Summit** last year made me want to come.', ''].join('\n');
    expect(nameOf(page)).toBe('Cloud Day 2025');
  });

  it('keeps "Event 3" when the body names nothing either', () => {
    expect(nameOf(['---', 'title: "Event 3"', '---', '', '### Speakers', '', '- **Như Trần** – Account Manager, AWS', ''].join('\n'))).toBe('Event 3');
  });
});

describe('site and author', () => {
  it('takes the author from front matter, as a name, the first of a list, or an object with a name', async () => {
    const { readFrontMatter } = await import('../../src/content/front-matter.js');
    for (const [matter, author] of [['author: Jane Doe', 'Jane Doe'], ['author: [Bao Tran, Jane Doe]', 'Bao Tran'], ['author: { name: Linh }', 'Linh']] as const) {
      const front = readFrontMatter(`---\n${matter}\n---\nbody\n`);
      expect(front.ok && front.data.author).toBe(author);
    }
  });

  it('reads the site from the folders above a content/ folder, else from the source', async () => {
    const { siteOf } = await import('../../src/content/page-identity.js');
    expect(siteOf('AkiHayakwa__AWS-Intership-FCJ-/content/4-EventParticipated/4.1-Event1/_index.md', 'sites')).toBe('AkiHayakwa__AWS-Intership-FCJ-');
    expect(siteOf('4-EventParticipated/4.1-Event1/_index.md', 'octo/site')).toBe('octo/site');
    expect(siteOf('content.md', 'octo/site')).toBe('octo/site');
  });
});

describe('files that are not pages', () => {
  it("skips a repository's README (no front matter, no report section) and still reads a report written without front matter", () => {
    const readme = extractPage('# My internship site\n\nBuilt with Hugo. Run `hugo server` to preview.\n', identifyPage('README.md', 'site'), defaultTaxonomy);
    expect(readme).toMatchObject({ kind: 'skipped', reason: expect.stringContaining('not a Hugo page') });
    const bare = extractPage('# Cloud Day\n\n### Speakers\n\n- **Như Trần** – Account Manager, AWS\n', identifyPage('cloud-day.md', 'site'), defaultTaxonomy);
    expect(bare.kind).toBe('event');
  });
});
