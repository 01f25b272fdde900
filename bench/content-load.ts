/**
 * Load benchmark: generated report folders of 1,000 and 10,000 pages, `loadContent` against gray-matter alone
 * over the same files (same walk, same slices of synchronous reads, `matter(text, {})` per file). The goal is
 * at most 3× gray-matter alone, linear in size. Run alone with `npx tsx bench/content-load.ts`.
 */
import { readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import matter from 'gray-matter';
import { loadContent, MAX_REPORT_BYTES, READ_SLICE } from '../src/content/load-content.js';
import { walkMarkdownFiles } from '../src/content/walk-files.js';
import { formatBenchTable, median, type BenchRow } from './bench-table.js';

/** Deterministic pseudo-random numbers, so every run measures the same files. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

const GIVEN = ['Anh', 'Linh', 'Minh', 'Thinh', 'Viet', 'Quang', 'Hoang', 'Mai', 'Khang', 'Tuan', 'Long', 'Nghi', 'Duc', 'Lan', 'Hung'];
const FAMILY = ['Tran', 'Nguyen', 'Le', 'Pham', 'Huynh', 'Dang', 'Vo', 'Bui', 'Do', 'Danh'];
const ROLES = ['AWS Cloud Club Captain (SGU)', 'Cloud Engineer Trainee', 'Platform Engineer at TymeX', 'Solutions Architect, AWS', 'ex Head of Security & DevOps - Cloud Security Solution Architect', 'AWS Community Builder - Platform Engineer at TymeX', 'Data Engineer, Renova Cloud; AWS Community Builder', 'FCJer'];
const AREAS = [
  ['Identity & Access Management (IAM)', ['Use roles instead of long-lived IAM users', 'Apply the **least privilege** principle to every policy', 'Centralise sign-in with IAM Identity Center (SSO)', 'Bound permissions with SCPs and permission boundaries', 'Review findings from IAM Access Analyzer weekly']],
  ['Detection & Continuous Monitoring', ['Send CloudTrail, VPC Flow Logs and CloudWatch Logs to one account', 'Enable **GuardDuty** in every region', 'Aggregate findings in Security Hub', 'Route alerts with EventBridge to the on-call channel', 'Keep detection rules as code in Git']],
  ['Infrastructure Protection', ['Segment the VPC and keep workloads in private subnets', 'Layer Security Groups and NACLs', 'Put AWS WAF and Shield in front of public endpoints', 'Inspect egress with AWS Network Firewall']],
  ['Pillar 4 — Data Protection', ['Encrypt S3, EBS and RDS with **AWS KMS** keys', 'Rotate secrets with Secrets Manager', 'Classify data and apply guardrails by sensitivity', 'Use ACM certificates for TLS everywhere']],
  ['Incident Response & Automation', ['Write playbooks for a leaked key, a public bucket and malware', 'Snapshot and isolate before you investigate', 'Automate first response with Lambda and Step Functions', 'Review every incident and update the playbook']],
  ['Domain-Driven Design (DDD)', ['Start from business events, not tables', 'Draw bounded contexts with the business team', 'Map contexts before splitting services']],
] as const;
const LESSONS = ['Security must start from the architecture.', 'IAM and logging are the two foundations to get right first.', 'Prepare incident response before the incident.', 'Managed services reduce human error.', 'Automate what you would otherwise forget.', 'Small, frequent reviews beat big audits.'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A report page shaped like the seed, varied in length, speaker format, sections and noise. */
function generateReport(random: () => number, index: number): string {
  const lines: string[] = ['---', `title: "Event ${index}"`, `date: ${2024 + (index % 3)}-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 27)).padStart(2, '0')}`, `weight: ${index % 9}`, 'chapter: false', `pre: " <b> 4.${index % 9}. </b> "`, '---', ''];
  if (random() < 0.5) lines.push('{{% notice warning %}}', '⚠️ **Note:** reference only, **do not copy verbatim**.', '{{% /notice %}}', '');
  lines.push(`# Takeaways from "Workshop ${index}: ${pick(random, AREAS)[0]}"`, '');
  if (random() < 0.3) lines.push('| Field | Details |', '|---|---|', `| **Date & Time** | 09:00, May ${1 + (index % 28)}, 2026 |`, '| **Location** | Bitexco Tower, HCMC |', '');
  lines.push('### Event Purpose', '');
  for (let count = 2 + Math.floor(random() * 4); count > 0; count--) lines.push(`- ${pick(random, pick(random, AREAS)[1])}`);
  lines.push('', random() < 0.5 ? '### Speaker List' : '### Danh Sách Diễn Giả', '');
  const speakerCount = 3 + Math.floor(random() * 10);
  if (random() < 0.2) {
    lines.push('| # | Speaker | Topic |', '|---|---|---|');
    for (let count = 0; count < speakerCount; count++) lines.push(`| ${count + 1} | **${pick(random, FAMILY)} ${pick(random, GIVEN)} ${pick(random, GIVEN)}** | ${pick(random, AREAS)[0]} |`);
  } else {
    const separator = pick(random, [' - ', ' – ', ' — ']);
    for (let count = 0; count < speakerCount; count++) lines.push(`- **${pick(random, FAMILY)} ${pick(random, GIVEN)} ${pick(random, GIVEN)}**${separator}${pick(random, ROLES)}`);
  }
  lines.push('', '### Highlighted Content', '');
  for (let section = 1 + Math.floor(random() * 5); section > 0; section--) {
    const [heading, points] = pick(random, AREAS);
    lines.push(`#### ${heading}`, '');
    if (random() < 0.3) lines.push(`The session on ${heading} covered what follows, with live demos and real cases.`, '');
    for (const point of points) if (random() < 0.8) lines.push(`- ${point}`);
    if (random() < 0.3) lines.push(`  - ${pick(random, points)}`);
    lines.push('');
  }
  lines.push('### What I Learned', '');
  for (let count = 2 + Math.floor(random() * 6); count > 0; count--) lines.push(`- ${pick(random, pick(random, AREAS)[1])}, which I will apply in my own project.`);
  lines.push('', '### Event Experience', '', 'The workshop was dense and practical; '.repeat(1 + Math.floor(random() * 6)), '');
  if (random() < 0.4) lines.push('![Group photo](/images/4-EventParticipated/photo.jpg)', '');
  lines.push('#### Lessons learned', '');
  for (let count = 2 + Math.floor(random() * 4); count > 0; count--) lines.push(`- ${pick(random, LESSONS)}`);
  lines.push('', '> Overall, the event reshaped how I think about security on AWS.', '');
  return lines.join('\n');
}

/** Writes `count` reports in Hugo bundles (a fifth of them with a Vietnamese twin). Returns the folder and its size. */
export async function generateSite(count: number, seed: number): Promise<{ dir: string; bytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), `takeaways-bench-${count}-`));
  const random = createRandom(seed);
  let bytes = 0;
  for (let index = 0; index < count; index++) {
    const vietnameseTwin = index % 5 === 4;
    const bundle = join(dir, `site-${Math.floor(index / 50)}`, '4-EventParticipated', `4.${index % 50}-Event${index}`);
    const file = join(bundle, vietnameseTwin ? '_index.vi.md' : '_index.md');
    const text = generateReport(random, index);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
    bytes += Buffer.byteLength(text);
  }
  return { dir, bytes };
}

/** gray-matter alone, read the way the loader reads: same walk, same slices of synchronous reads, same size check. */
async function readAllWithGrayMatter(dir: string): Promise<number> {
  const { files } = await walkMarkdownFiles(dir);
  let parsed = 0;
  for (let start = 0; start < files.length; start += READ_SLICE) {
    for (const file of files.slice(start, start + READ_SLICE)) {
      if (statSync(file.absolutePath).size > MAX_REPORT_BYTES) continue;
      const text = readFileSync(file.absolutePath, 'utf8');
      // Options disable gray-matter's content cache, as the loader does: rounds must not hit a warm cache.
      const result = matter(text, {});
      if (typeof result.content === 'string') parsed++;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return parsed;
}

async function timeIt(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

async function benchSize(count: number, rounds: number): Promise<BenchRow[]> {
  const { dir, bytes } = await generateSite(count, 20251129 + count);
  try {
    const loaded = await loadContent(dir);
    if (loaded.events.length !== count) throw new Error(`bench site loaded ${loaded.events.length} of ${count} reports`);
    await readAllWithGrayMatter(dir);
    const ours: number[] = [];
    const baseline: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate the order so neither side always runs with the warmer page cache or heap.
      if (round % 2 === 0) {
        baseline.push(await timeIt(() => readAllWithGrayMatter(dir)));
        ours.push(await timeIt(() => loadContent(dir)));
      } else {
        ours.push(await timeIt(() => loadContent(dir)));
        baseline.push(await timeIt(() => readAllWithGrayMatter(dir)));
      }
    }
    const oursMedian = median(ours);
    const baselineMedian = median(baseline);
    const scenario = `${count.toLocaleString('en-US')} reports (${(bytes / 1024 / 1024).toFixed(1)} MB)`;
    return [
      { bench: 'content-load', scenario, result: `loadContent ${formatMs(oursMedian)} (${((oursMedian * 1000) / count).toFixed(0)} µs/report)`, note: `median of ${rounds} rounds` },
      { bench: 'content-load', scenario, result: `gray-matter alone ${formatMs(baselineMedian)} (${((baselineMedian * 1000) / count).toFixed(0)} µs/report)`, note: 'same walk and reads, matter(text, {}) per file' },
      { bench: 'content-load', scenario, result: `ratio ${(oursMedian / baselineMedian).toFixed(2)}×`, note: 'goal ≤ 3× gray-matter alone' },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** 1,000 and 10,000 generated reports: loadContent against gray-matter alone, medians and their ratio. */
export async function runContentLoadBench(): Promise<BenchRow[]> {
  return [...(await benchSize(1_000, 7)), ...(await benchSize(10_000, 5))];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatBenchTable(await runContentLoadBench()));
}
