import { describe, expect, it } from 'vitest';
import { classifyHeadingPillar, classifyPointPillar } from '../../src/content/pillars.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';

describe('classifyHeadingPillar', () => {
  it.each([
    ['Pillar 1 — IAM', 'iam'],
    ['Identity & Access Management (IAM) – foundation of security', 'iam'],
    ['Detection & Continuous Monitoring', 'detection'],
    ['GuardDuty – Intelligent Threat Detection', 'detection'],
    ['Infrastructure Protection', 'infrastructure'],
    ['Session 3: Network & Workload Security (10:30 – 11:10 AM)', 'infrastructure'],
    ['Trụ cột 4 — Bảo vệ Dữ liệu', 'data'],
    ['PHẦN 5: BẢO VỆ DỮ LIỆU (DATA PROTECTION)', 'data'],
    ['Detection & Infrastructure (Trụ cột 2 & 3)', 'detection'],
    ['Incident Response & Automation', 'incident-response'],
    ['PHẦN 6: ỨNG PHÓ SỰ CỐ (INCIDENT RESPONSE)', 'incident-response'],
  ])('maps %j to %s', (heading, pillar) => {
    expect(classifyHeadingPillar(heading, defaultTaxonomy)).toBe(pillar);
  });

  it.each([['Domain-Driven Design (DDD)'], ['AWS Cloud Club Initiative'], ['Compute Evolution']])('leaves %j without a pillar', (heading) => {
    expect(classifyHeadingPillar(heading, defaultTaxonomy)).toBeNull();
  });
});

describe('classifyPointPillar', () => {
  it('files a bullet that clearly belongs to a pillar under it', () => {
    expect(classifyPointPillar('Clearly understand the role of AWS KMS, Secrets Manager in protecting data and managing secrets securely.', defaultTaxonomy)).toBe('data');
  });

  it('files nothing on a single passing mention', () => {
    expect(classifyPointPillar('IAM plays the role of the first gateway of the entire architecture.', defaultTaxonomy)).toBeNull();
  });
});
