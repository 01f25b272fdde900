import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/content/extract-event.js';
import { readMarkdownBlocks } from '../../src/content/markdown-blocks.js';
import { identifyPage } from '../../src/content/page-identity.js';
import { deriveOrg, parseSpeakerField, speakersFromHeading, parseSpeakerLine, parseSpeakerTable, speakersFromRoleBullets, speakersFromTables } from '../../src/content/speakers.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';

describe('parseSpeakerLine', () => {
  it.each([
    ['**Tran Duc Anh** - AWS Cloud Club Captain (SGU)', { name: 'Tran Duc Anh', role: 'AWS Cloud Club Captain (SGU)', org: 'SGU' }],
    ['**Quang Tinh Truongh** - AWS Community Builder - Platform Engineer at TymeX', { name: 'Quang Tinh Truongh', role: 'AWS Community Builder - Platform Engineer at TymeX', org: 'TymeX' }],
    ['**NMendel Grabski (Long)** - ex Head of Security & DevOps - Cloud Security Solution Architect', { name: 'NMendel Grabski (Long)', role: 'ex Head of Security & DevOps - Cloud Security Solution Architect', org: null }],
    ['**Jignesh Shah** – Director, Open Source Databases', { name: 'Jignesh Shah', role: 'Director, Open Source Databases', org: 'Open Source Databases' }],
    ['**Kha Van** — Cloud Security Engineer @ CloudThinker', { name: 'Kha Van', role: 'Cloud Security Engineer @ CloudThinker', org: 'CloudThinker' }],
    ['Erica Liu – Sr. GTM Specialist, AppMod', { name: 'Erica Liu', role: 'Sr. GTM Specialist, AppMod', org: 'AppMod' }],
    ['**Tinh Truong** – Platform Engineer, TymeX, AWS Community Builder', { name: 'Tinh Truong', role: 'Platform Engineer, TymeX, AWS Community Builder', org: 'TymeX' }],
    ['**Tinh Truong** – AWS Community Builder, Platform Engineer tại TymeX', { name: 'Tinh Truong', role: 'AWS Community Builder, Platform Engineer tại TymeX', org: 'TymeX' }],
    ['**Nguyễn Trần Minh Duy** – Industry Liaison Officer, Swinburne Vietnam (Host)', { name: 'Nguyễn Trần Minh Duy', role: 'Industry Liaison Officer, Swinburne Vietnam (Host)', org: 'Swinburne Vietnam' }],
    ['**FCJ Team** ', { name: 'FCJ Team', role: null, org: null }],
    ['**Huynh Thai Linh** - *Level up your AWS Skills with Cloud Quest and Floci*', { name: 'Huynh Thai Linh', role: null, org: null }],
    ['**Nghia Tran** - Product Egineer - *Tu Vi Dai Viet*', { name: 'Nghia Tran', role: 'Product Egineer', org: null }],
    ['**Team The Ballers** - FCAJ Challenger -*Hackathon "HA! a ton" "of fun"*', { name: 'Team The Ballers', role: 'FCAJ Challenger', org: null }],
    ['**Steve Tran** - Đề tài: *Deep Response Engine*', { name: 'Steve Tran', role: null, org: null }],
    ['Jane Doe', { name: 'Jane Doe', role: null, org: null }],
  ])('reads %j', (line, speaker) => {
    expect(parseSpeakerLine(line)).toEqual([speaker]);
  });

  it('splits several people sharing one bold span', () => {
    expect(parseSpeakerLine('**Nghia Danh - Trung Vu - Kiet Tran** - Đề tài: *Voice Agents*').map((speaker) => speaker.name)).toEqual(['Nghia Danh', 'Trung Vu', 'Kiet Tran']);
  });

  it('gives every name of a grouped line the group as role, without the honorific "Anh"', () => {
    const speakers = parseSpeakerLine('**Chuyên gia Detection & Monitoring:** Anh Trần Đức Anh, Nguyễn Tuấn Thịnh, Nguyễn Đỗ Thành Đạt - Tập trung vào giám sát.');
    expect(speakers).toEqual([
      { name: 'Trần Đức Anh', role: 'Chuyên gia Detection & Monitoring', org: null },
      { name: 'Nguyễn Tuấn Thịnh', role: 'Chuyên gia Detection & Monitoring', org: null },
      { name: 'Nguyễn Đỗ Thành Đạt', role: 'Chuyên gia Detection & Monitoring', org: null },
    ]);
  });

  it('reads the names a grouped line puts in parentheses', () => {
    const line = '**Đại diện AWS Cloud Clubs:** Các thủ lĩnh (Captains) đến từ các trường: HCMUTE, SGU (Lê Vũ Xuân An, Trần Đức Anh, Trần Đoàn Công Lý).';
    expect(parseSpeakerLine(line).map((speaker) => speaker.name)).toEqual(['Lê Vũ Xuân An', 'Trần Đức Anh', 'Trần Đoàn Công Lý']);
  });

  it('splits names joined by commas and "và" together, each keeping its honorific only when it is all there is', () => {
    expect(parseSpeakerLine('**Hiếu Nghị , Anh Kiệt và Anh Trung**: Cùng trình bày chủ đề Voice AI').map((speaker) => speaker.name)).toEqual(['Hiếu Nghị', 'Anh Kiệt', 'Anh Trung']);
  });

  it('reads a team with its members in parentheses and its part after them', () => {
    expect(parseSpeakerLine('**The Ballers Group** (Huynh An Khuong, Mai Quoc Anh, Nguyen Tran Minh Quan) - Sharing Hackathon experiences.')).toEqual([
      { name: 'The Ballers Group', role: 'Sharing Hackathon experiences.', org: null },
      { name: 'Huynh An Khuong', role: 'The Ballers Group', org: null },
      { name: 'Mai Quoc Anh', role: 'The Ballers Group', org: null },
      { name: 'Nguyen Tran Minh Quan', role: 'The Ballers Group', org: null },
    ]);
  });

  it('takes the full name in parentheses, with the role after it, over a short name before them', () => {
    expect(parseSpeakerLine('Anh Thịnh (Thinh Nguyen - DevSecOps/Cloud Engineer)')).toEqual([{ name: 'Thinh Nguyen', role: null, org: null }]);
  });

  it('drops Vietnamese academic titles as it drops "Dr."', () => {
    expect(parseSpeakerLine('**Tiến sĩ Jens Lottner** – CEO, Techcombank')[0]?.name).toBe('Jens Lottner');
  });

  it('keeps "Anh" when it is the given name, not an honorific', () => {
    expect(parseSpeakerLine('**Anh Pham** - Cloud Consultant')[0]?.name).toBe('Anh Pham');
  });

  it.each([['*The Iceberg of Procrastination*'], ['The event featured a diverse panel of AWS Cloud Club Captains, including:']])('skips %j, which names nobody', (line) => {
    expect(parseSpeakerLine(line)).toEqual([]);
  });
});

describe('deriveOrg', () => {
  it.each([
    ['AWS Cloud Club Captain (SGU)', 'SGU'],
    ['Platform Engineer at TymeX', 'TymeX'],
    ['Engineer @ Acme Corp', 'Acme Corp'],
    ['Specialist from Renova Cloud', 'Renova Cloud'],
    ['Data Engineer, Renova Cloud; AWS Community Builder', 'Renova Cloud'],
    ['Cloud Security Engineer, AWS Community Builder', null],
    ['Cloud Engineer', null],
  ])('finds the organisation of %j', (role, org) => {
    expect(deriveOrg(role)).toBe(org);
  });
});

describe('speaker tables and session lines', () => {
  it('reads a speaker table by its Speaker column, giving a team and each of its members', () => {
    const rows = [
      { header: true, cells: ['#', 'Speaker', 'Topic'] },
      { header: false, cells: ['1', '**Huỳnh Thái Linh**', 'Level Up Your AWS Skills'] },
      { header: false, cells: ['2', '**Team Khương** *(Huỳnh An Khương, Mai Quốc Anh)*', 'Hackathon'] },
    ];
    expect(parseSpeakerTable(rows)).toEqual([
      { name: 'Huỳnh Thái Linh', role: null, org: null },
      { name: 'Team Khương', role: null, org: null },
      { name: 'Huỳnh An Khương', role: 'Team Khương', org: null },
      { name: 'Mai Quốc Anh', role: 'Team Khương', org: null },
    ]);
  });

  it('drops an honorific before a bold name, as it does elsewhere', () => {
    expect(parseSpeakerLine('**Dr. Jens Lottner** – CEO, Techcombank')).toEqual([{ name: 'Jens Lottner', role: 'CEO, Techcombank', org: 'Techcombank' }]);
  });

  it('reads a bold list of names with English honorifics and an Oxford comma as the people it names', () => {
    expect(parseSpeakerLine('**Hieu Nghi, Mr. Kiet, and Mr. Trung** - Voice AI for Vietnamese').map((speaker) => speaker.name)).toEqual(['Hieu Nghi', 'Kiet', 'Trung']);
  });

  it('reads "Speakers: A, B" lines written under each session', () => {
    expect(parseSpeakerField('Speakers: Tinh Truong, Mendel Grabski (Long)')).toEqual([
      { name: 'Tinh Truong', role: null, org: null },
      { name: 'Mendel Grabski (Long)', role: null, org: null },
    ]);
    expect(parseSpeakerField('Duration: all day')).toBeNull();
  });

  it('reads a session line whose role goes on after a comma as one person, and a new "Name - …" after it as another', () => {
    expect(parseSpeakerField('Speaker: Khắc Uy Phạm - 3rd Year Student, Vietnamese-German University (VGU)')).toEqual([{ name: 'Khắc Uy Phạm', role: null, org: null }]);
    expect(parseSpeakerField('Speakers: Bao Nguyen - DevOps, Tran Binh - Security')?.map((speaker) => speaker.name)).toEqual(['Bao Nguyen', 'Tran Binh']);
  });
});

describe('schedule tables', () => {
  it('reads the people a Speaker cell names first, and not a place that "&" joins to their title', () => {
    const table = [
      '| Time | Topic | Speaker |',
      '|---|---|---|',
      '| 9:40 - 10:00 | Câu chuyện thành công | Tiến sĩ Jens Lottner, CEO, Techcombank |',
      '| 10:20 - 10:50 | Chiến lược khu vực | Jaime Valles, Phó Chủ tịch & Tổng Giám đốc Châu Á Thái Bình Dương và Nhật Bản, AWS |',
      '| 11:00 - 11:30 | Panel | Phuc Nguyen, SA, AWS & Alex Tran, OCB |',
    ].join('\n');
    expect(speakersFromTables(readMarkdownBlocks(table, 1)).map((speaker) => speaker.name)).toEqual(['Jens Lottner', 'Jaime Valles', 'Phuc Nguyen', 'Alex Tran']);
  });
});

describe('role bullets outside a speaker section', () => {
  it('reads a person and a short role, and not a bold label before a sentence that names a job', () => {
    const blocks = readMarkdownBlocks(
      ['- **Nguyen Hoa Binh** – Chairman, Nexttech Group', '- **Inspirational Stories**: The student speakers proved that anyone can overcome stage fright and share valuable technical knowledge.'].join('\n'),
      1,
    );
    expect(speakersFromRoleBullets(blocks)).toEqual([{ name: 'Nguyen Hoa Binh', role: 'Chairman, Nexttech Group', org: 'Nexttech Group' }]);
  });
});

describe('a talk after a speaker’s name', () => {
  it('reads words after a colon as the talk, and words after a dash as the role or team', async () => {
    const { talkOfSpeakerLine } = await import('../../src/content/speakers.js');
    expect(talkOfSpeakerLine('**Việt Phát**: GraphRAG với Amazon Bedrock & Neptune')).toBe('GraphRAG với Amazon Bedrock & Neptune');
    expect(talkOfSpeakerLine('**Huynh Thai Linh** - *Level up your AWS Skills with Cloud Quest*')).toBe('Level up your AWS Skills with Cloud Quest');
    expect(talkOfSpeakerLine('**Tran Minh Quan** - Speaker on DevOps and systems thinking.')).toBe('DevOps and systems thinking');
    expect(talkOfSpeakerLine('**Nguyen & Bao** - Cloud Engineers from Cloud Kinetics')).toBeNull();
    expect(talkOfSpeakerLine('**Kien Nguyen** - Kiến trúc sư Giải pháp, AWS')).toBeNull();
  });
});

describe('speakers named where a session is written', () => {
  const speakersOf = (lines: string[]) => {
    const outcome = extractPage(['---', 'title: "Event 2"', '---', '', ...lines, ''].join('\n'), identifyPage('4.2-Event2/_index.md', 'content'), defaultTaxonomy);
    return outcome.kind === 'event' ? outcome.event.speakers.map((speaker) => speaker.name) : [];
  };

  it('reads sessions written as H2 sections under an H1 title, but not the title’s place in parentheses', () => {
    const page = [
      '## Security Day (Bitexco Financial Tower)',
      '',
      'A half-day workshop.',
      '',
      '## Part I – Identity & Access Management (Dang Quoc Bao)',
      '',
      '- Roles, not users.',
      '',
      '## Part II – Detection & Infrastructure Protection (Chloe Nguyen, Rajesh Iyer)',
      '',
      '- GuardDuty everywhere.',
      '',
      '## Key Takeaways',
      '',
      '- Short-lived credentials.',
    ];
    expect(speakersOf(page)).toEqual(['Dang Quoc Bao', 'Chloe Nguyen', 'Rajesh Iyer']);
  });

  it('reads a name after a quoted talk title, or before a job title, in a session heading; not a subject after a dash', () => {
    expect(speakersFromHeading('🧠 "From prompt to agent" — Priya Raman, Specialist SA for Generative AI at AWS').map((speaker) => speaker.name)).toEqual(['Priya Raman']);
    expect(speakersFromHeading('Evaluating agents – Vo Thanh Nam, ML Engineer').map((speaker) => speaker.name)).toEqual(['Vo Thanh Nam']);
    expect(speakersFromHeading('Keynote — Generative Everything')).toEqual([]);
    expect(speakersFromHeading('Part 3 — Incident Response, Forensics')).toEqual([]);
  });

  it('reads speakers a page names only in prose, by an honorific or in bold, before what they did on stage', () => {
    const page = [
      '# OJT Kick-off',
      '',
      '**8:45 – Welcome and roadmap.** Mr. Nguyen Gia Hung, the FCJ Program Lead, presented the twelve-week plan.',
      '',
      '**9:30 – "A day in the life."** Ms. Vu Ngoc Han, Cloud Engineer, walked us through her first year.',
      '',
      '**Hoang Yen Nhi**, Solutions Architect at AWS, opened with a 20-minute talk on Q Developer.',
      '',
      'Ms. Le Thu Trang, our MC, welcomed everyone and explained the rules.',
      '',
      '## Key Takeaways',
      '',
      '- Honest worklogs help mentors.',
    ];
    expect(speakersOf(page)).toEqual(['Nguyen Gia Hung', 'Vu Ngoc Han', 'Hoang Yen Nhi']);
  });

  it('reads a session’s byline or opening sentence, and a heading’s short Vietnamese name as the listed speaker', () => {
    const page = [
      '# Community Day',
      '',
      '## Who presented',
      '',
      '- **chị Ngô Bảo Ngọc** – Data Engineer, Mekong Pay',
      '',
      '## Sessions',
      '',
      '### Nền tảng dữ liệu (chị Bảo Ngọc)',
      '',
      '- Lakehouse trên S3.',
      '',
      '### Keynote — "Ten years of community"',
      '*Daniel Osei, Developer Advocate, AWS*',
      '',
      '**Detection**',
      '',
      'Tam Vo, who works as a cloud security engineer at a bank, talked about logs.',
      '',
      '**Permission Boundary Concepts**',
      '',
      'Boundaries cap what a role can do.',
      '',
      '## Key Takeaways',
      '',
      '- Logs first.',
    ];
    expect(speakersOf(page)).toEqual(['Ngô Bảo Ngọc', 'Daniel Osei', 'Tam Vo']);
  });

  it('reads the name after a bold talk title in a speaker list: the bold lead is the talk', () => {
    expect(parseSpeakerLine('**1. Pipelines that people trust** — *Trinh Quoc Bao, Senior DevOps Engineer at Mekong Pay*').map((speaker) => speaker.name)).toEqual(['Trinh Quoc Bao']);
  });

  it('reads talks listed with their speaker after the title, and a panel’s Name and Role table under its label', () => {
    const page = [
      '# Student Community Day',
      '',
      '## Talks I attended',
      '',
      '1. **"Cloud careers in 2027"** — Rahul Mehta, Head of Developer Relations, AWS ASEAN',
      '2. **"Serverless in 45 minutes"** — Bui Thanh Truc, AWS Community Builder',
      '',
      '## The panel',
      '',
      '**Panelists:**',
      '',
      '| Name | Role |',
      '|------|------|',
      '| Doan Kim Oanh | Engineering Manager — Mekong Pay |',
      '',
      '**Organisers:**',
      '',
      '| Name | Role |',
      '|------|------|',
      '| Le Thu Trang | Club captain |',
      '',
      '## What stuck with me',
      '',
      '- Troubleshooting is the skill.',
    ];
    expect(speakersOf(page)).toEqual(['Doan Kim Oanh', 'Rahul Mehta', 'Bui Thanh Truc']);
  });

  it('reads speakers from an HTML table, lines after a "Speakers:" label, photo captions and an unclosed bold', () => {
    const page = [
      '# Career Panel',
      '',
      '<table>',
      '  <tr><th>Name</th><th>Role</th></tr>',
      '  <tr><td><a href="https://www.linkedin.com/in/x/">ThS. Đỗ Hải Yến</a></td><td>Head of Talent</td></tr>',
      '</table>',
      '',
      '**Speakers:**<br>',
      '👤 Huynh Anh Khoa – Captain, AWS Cloud Club HCMUS<br>',
      '👤 Dr. Mai Quoc Thai – Lecturer, Faculty of IT',
      '',
      '### Diễn giả',
      '',
      '![Chị Châu Ngọc Hà](/images/ha.jpg)',
      '*Chị Châu Ngọc Hà – Captain AWS Cloud Club UIT*',
      '',
      '- **Chị Bùi Khánh Linh – Solutions Architect tại Amazon Web Services',
      '',
      '### Key Takeaways',
      '',
      '- Ask questions.',
    ];
    expect(speakersOf(page)).toEqual(['Châu Ngọc Hà', 'Bùi Khánh Linh', 'Huynh Anh Khoa', 'Mai Quoc Thai', 'Đỗ Hải Yến']);
  });

  it('reads "Name | Role" lines without a table and a blockquote of emoji lines under "Speakers I heard", leaving out the MC by role', () => {
    const page = [
      '# Bootcamp',
      '',
      '### 🎤 Speakers I heard',
      '',
      'Daniel Okafor | Senior GenAI Solutions Architect, AWS',
      '',
      'Dang My Duyen | MC & panel moderator',
      '',
      '> 🎤 NGUYEN THAO NGUYEN — Machine Learning Engineer, Orbita AI',
      '> 🎙️ MC: Vo Thanh Tam (FCJ)',
      '',
      '### Key insights',
      '',
      '- Cap the steps.',
    ];
    expect(speakersOf(page)).toEqual(['Daniel Okafor', 'NGUYEN THAO NGUYEN']);
  });

  it('reads speakers a sentence lists, a talk "by" someone, someone with a title who "gave" one, and a keynote label', () => {
    const page = [
      '# Bootcamp',
      '',
      'The speakers were Daniel Okafor (AWS), Lam Gia Huy (Tessera Labs) and Chu Bao Ngoc, who joined the panel. Our MC Dang My Duyen kept time.',
      '',
      'There was also a lightning talk by Sakura Ito (AWS Community Builder) about study groups.',
      '',
      'Svetlana Morozova, Security Specialist Solutions Architect at AWS, gave the briefing.',
      '',
      '- **Opening keynote:** Isabelle Moreau – Startup Solutions Architect Lead, AWS, on "What investors ask"',
      '- Speaker: Kavya Reddy, Analytics Solutions Architect, AWS',
      '',
      '### Key insights',
      '',
      '- Evaluate first.',
    ];
    expect(speakersOf(page)).toEqual(['Kavya Reddy', 'Isabelle Moreau', 'Daniel Okafor', 'Lam Gia Huy', 'Chu Bao Ngoc', 'Sakura Ito', 'Svetlana Morozova']);
  });

  it('reads the guests a Vietnamese sentence lists after "với các khách mời", leaving out who moderated', () => {
    const page = [
      '# Community Day',
      '',
      '**Tọa đàm: Tuyển dụng kỹ sư cloud** — điều phối bởi Phan Duc Tri (trưởng nhóm), với các khách mời Le Thi Kim Oanh (Head of Engineering, Hanlink) và Duong Van Sang (CTO, Seaside Labs).',
      '',
      '### Bài học chính',
      '',
      '- Hỏi trước.',
    ];
    expect(speakersOf(page)).toEqual(['Le Thi Kim Oanh', 'Duong Van Sang']);
  });

  it('reads a timeline without its welcome, breaks and organisers, talks listed "by" someone, and an interview\'s answers', () => {
    const page = [
      '# Security Day',
      '',
      '**08:30** Check-in and welcome — MC Dao Thu Ha (FCJ)  ',
      '**09:00** Opening — Bui Thanh Tung (FCJ program lead, organiser)  ',
      '**09:15** Identity first: IAM Identity Center — Tran Minh Khoi (Solutions Architect, AWS)  ',
      '**10:45** Coffee break — sponsored by Nimbus Data',
      '',
      '1. Cost-aware serverless by Nguyen Kim Ngan (Papaya Pay)',
      '',
      '**Q:** What surprised you? **A (Kwame Mensah):** How cheap it was.',
      '',
      '### Key insights',
      '',
      '- Cap the steps.',
    ];
    expect(speakersOf(page)).toEqual(['Tran Minh Khoi', 'Nguyen Kim Ngan', 'Kwame Mensah']);
  });

  it('reads the teams that presented: "Team X —" lines under the finalists, and a label listing them', () => {
    const page = [
      '# Demo Day',
      '',
      '### The finalists',
      '',
      '🚀 **Team Mây Mưa** — flood alerts for the Mekong Delta.',
      '🚀 **Team ByteBakers** — an AI study buddy.',
      '',
      '### Program',
      '',
      '- **Finalist demos** (10 minutes each): Team CloudNine, Team Paper Planes (us!), Team 404 Founders.',
      '',
      'Our team building was fun.',
      '',
      '### Key insights',
      '',
      '- Show a real user.',
    ];
    expect(speakersOf(page)).toEqual(['Team Mây Mưa', 'Team ByteBakers', 'Team CloudNine', 'Team Paper Planes', 'Team 404 Founders']);
  });

  it('leaves the MC, the hosts and the judges out of a speakers section, but not a moderator', () => {
    const page = ['# Demo Day', '', '### Speakers', '', '**MC:** Le Thu Trang<br>', '**Ban giám khảo:** Tran Van A, Nguyen Thi B<br>', '**Moderator:** Do Hai Yen – Head of Talent<br>', 'Nguyen Quoc Anh – Solutions Architect, AWS', '', '### Key Takeaways', '', '- Demo early.'];
    expect(speakersOf(page)).toEqual(['Do Hai Yen', 'Nguyen Quoc Anh']);
  });

  it('reads teams presenting under their headings, a "Người hướng dẫn" row of an info table, and leaves the judges out', () => {
    const page = [
      '# Demo Day',
      '',
      '| Thông tin | Chi tiết |',
      '|---|---|',
      '| Người hướng dẫn | anh Hứa Văn Đạt (mentor FCJ) |',
      '',
      '**Ban giám khảo** (chỉ chấm điểm): TS. Hoàng Bảo Châu, chị Ngô Thị Lan.',
      '',
      '### Các đội trình bày',
      '',
      '#### 🥇 Team Mây Trắng – Cảnh báo ngập lụt serverless',
      '',
      '- Lambda và SNS.',
      '',
      '### Những điều tâm đắc',
      '',
      '- Demo sớm.',
    ];
    expect(speakersOf(page)).toEqual(['Hứa Văn Đạt', 'Team Mây Trắng']);
  });

  it('reads "— by Name (Company)" headings, "by Name, Company" bylines, "Speaker: Name (Role) opened …" and a bold pillar line with its speaker', () => {
    const page = [
      '# Zero Trust Night',
      '',
      '## Sessions',
      '',
      '### Zero Trust on AWS — by Quach Tuan Kiet (Grab)',
      '',
      '- Verify every request.',
      '',
      '### Shifting security left',
      '',
      'by Mai Anh Dao, KiteLabs',
      '',
      '- Scan in CI.',
      '',
      'Speaker: Hana Yoshida (ML Engineer, Finova) talked about evaluation of RAG answers.',
      '',
      '**Identity and access management** (Tran Gia Huy, HCMUS Cloud Club captain)',
      '- Roles over users.',
      '',
      '| Time | Speaker | Session |',
      '|---|---|---|',
      '| 09:00 | Tran Khanh Vy (MC) | Welcome |',
      '',
      '## TL;DR',
      '',
      '- Trust nothing.',
    ];
    expect(speakersOf(page)).toEqual(['Hana Yoshida', 'Quach Tuan Kiet', 'Tran Gia Huy', 'Mai Anh Dao']);
  });

  it('reads an instructor or "Người hướng dẫn" line as the session’s speaker', () => {
    expect(parseSpeakerField('Người hướng dẫn: anh Lương Tuấn Kiệt – Cloud Security Engineer, trình bày toàn bộ phần lý thuyết')?.map((speaker) => speaker.name)).toEqual(['Lương Tuấn Kiệt']);
    expect(parseSpeakerField('Instructor: Mai Thu Ha')?.map((speaker) => speaker.name)).toEqual(['Mai Thu Ha']);
    expect(parseSpeakerField('Venue: Bitexco Tower')).toBeNull();
  });
});

describe('talks: who gave which session', () => {
  const talksOf = (lines: string[]) => {
    const outcome = extractPage(['---', 'title: "Event 4"', '---', '', ...lines, ''].join('\n'), identifyPage('4.4-Event4/_index.md', 'content'), defaultTaxonomy);
    return outcome.kind === 'event' ? outcome.event.talks.map((talk) => [talk.title, talk.speakers]) : [];
  };

  it('titles a session without its time slot or the names it held', () => {
    const page = ['# Zero Trust Meetup', '', '## 9:40 - 10:40 Sáng: Detection across accounts (Felix Tran & Le Hoang Duy)', '', '- GuardDuty everywhere.', '', '## 10:40 AM – 11:30 AM | 36 hrs with a hackathon (Mai Thu Ha)', '', '- Ship early.', '', '## Key Takeaways', '', '- Trust nothing.'];
    expect(talksOf(page)).toEqual([
      ['Detection across accounts', ['Felix Tran', 'Le Hoang Duy']],
      ['36 hrs with a hackathon', ['Mai Thu Ha']],
    ]);
  });

  it('reads sessions written as bold lines, and a session whose opening sentence names its speaker', () => {
    const page = [
      '# Security Pillar Workshop',
      '',
      '### My notes',
      '',
      '**IAM — who can do what (Dang Quoc Bao)**',
      '- Identity Center for people.',
      '- Roles for workloads.',
      '',
      '**Detection**',
      '',
      'Tam Vo, a cloud security engineer at a bank, talked about logs before incidents.',
      '',
      '- Organisation trail in a log account.',
      '',
      '### Key Takeaways',
      '',
      '- Logs first.',
    ];
    expect(talksOf(page)).toEqual([
      ['IAM — who can do what', ['Dang Quoc Bao']],
      ['Detection', ['Tam Vo']],
    ]);
  });

  it('reads "Presented by" and "Trình bày:" lines, and a pillar-grouped list whose roles hold commas', () => {
    expect(parseSpeakerField('Presented by Pham Minh Khoi and Luong Thi Bao Tram')?.map((speaker) => speaker.name)).toEqual(['Pham Minh Khoi', 'Luong Thi Bao Tram']);
    expect(parseSpeakerField('Trình bày: Phạm Minh Khôi và Lương Thị Bảo Trâm')?.map((speaker) => speaker.name)).toEqual(['Phạm Minh Khôi', 'Lương Thị Bảo Trâm']);
    expect(parseSpeakerLine('**Infrastructure Protection:** Mr. Bao Trinh (Network Security Engineer), Mr. Ravi Menon (Senior Solutions Architect, AWS)').map((speaker) => speaker.name)).toEqual(['Bao Trinh', 'Ravi Menon']);
  });

  it('gives the event to the speaker its facts name ("Date:" beside "Instructor:"), not to a page’s only listed speaker', () => {
    const facts = ['# Lab: Envelope encryption with AWS KMS', '', '### Lab information', '', '- **Date:** 10/10/2026', '- **Instructor:** Luong Tuan Kiet – Cloud Security Engineer', '', '### Key Takeaways', '', '- Key policies decide who uses a key.'];
    expect(talksOf(facts)).toEqual([['Lab: Envelope encryption with AWS KMS', ['Luong Tuan Kiet']]]);
    const oneSpeaker = ['# Serverless Saturday', '', '### Speakers', '', '- **Mai Thu Ha** – Solutions Architect, AWS', '', '### Key Takeaways', '', '- Events over polling.'];
    // Other reports of the event may name the speakers this one left out: a lone listed speaker gave no known talk.
    expect(talksOf(oneSpeaker)).toEqual([]);
  });
});
