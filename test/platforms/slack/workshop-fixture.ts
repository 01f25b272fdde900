/**
 * One report as the content loader yields it, taken from the workshop seed (both Thinhs included),
 * so these tests drive the real core without depending on the loader or the bundled content.
 */
import type { ContentModel, Taxonomy } from '../../../src/content/model.js';

export const fixtureTaxonomy: Taxonomy = {
  pillars: [
    { id: 'iam', number: 1, name: 'Identity & Access Management', description: 'Who can do what, with least privilege', aliases: ['identity'], keywords: ['iam', 'least privilege', 'sso'], services: ['IAM', 'IAM Identity Center'] },
    { id: 'detection', number: 2, name: 'Detection', description: 'Logging, detection and continuous monitoring', aliases: ['monitoring', 'logging'], keywords: ['cloudtrail', 'guardduty'], services: ['CloudTrail', 'GuardDuty', 'Security Hub'] },
    { id: 'infrastructure', number: 3, name: 'Infrastructure Protection', description: 'Networks and compute, defended in depth', aliases: ['network'], keywords: ['vpc', 'waf'], services: ['VPC', 'AWS WAF'] },
    { id: 'data', number: 4, name: 'Data Protection', description: 'Encryption, keys and secrets', aliases: ['data protection'], keywords: ['kms', 'secrets'], services: ['KMS', 'Secrets Manager'] },
    { id: 'incident', number: 5, name: 'Incident Response', description: 'Prepared playbooks and automation', aliases: ['ir'], keywords: ['incident', 'forensics'], services: ['Lambda', 'Step Functions'] },
  ],
};

const lessons = [
  'Security must start from architecture, cannot patch holes at the final stage',
  'IAM and logging are the two most important foundations, if done wrong will lead to many risks later.',
  'Incident Response needs to be prepared in advance with playbooks and automation.',
  'Using AWS managed services helps reduce operational burden and limit human errors in security.',
];

export const fixtureModel: ContentModel = {
  events: [
    {
      id: '4.3',
      key: '4.3',
      source: '4.3.md',
      site: 'content',
      author: 'content',
      eventId: null,
      lang: 'en',
      title: 'Event 3',
      name: 'AWS Well-Architected Security Pillar Workshop',
      date: '2025-01-01',
      purpose: ['Build security-first mindset, considering security as the foundation from the architecture design phase.'],
      speakers: [
        { name: 'Tran Duc Anh', role: 'AWS Cloud Club Captain', org: 'SGU' },
        { name: 'Nguyen Tuan Thinh', role: 'Cloud Engineer Trainee', org: null },
        { name: 'Nguyen Do Thanh', role: 'Cloud Engineer', org: null },
        { name: 'Thinh Lam', role: 'FCJer', org: null },
        { name: 'Quang Tinh Truongh', role: 'AWS Community Builder', org: 'TymeX' },
      ],
      highlights: [
        { heading: 'Identity & Access Management (IAM)', pillar: 'iam', points: ['Design modern IAM with roles instead of users', 'Apply least privilege principle'] },
        { heading: 'Detection & Continuous Monitoring', pillar: 'detection', points: ['Detect threats with GuardDuty and aggregate alerts via Security Hub'] },
      ],
      pillars: [
        { id: 'iam', title: 'Identity & Access Management', points: ['Design modern IAM with roles instead of users', 'Apply least privilege principle'], related: [] },
        { id: 'detection', title: 'Detection', points: ['Detect threats with GuardDuty and aggregate alerts via Security Hub'], related: [] },
        { id: 'data', title: 'Data Protection', points: [], related: ['Clearly understand the role of AWS KMS, Secrets Manager in protecting data.'] },
      ],
      learned: ['IAM plays the role of the first gateway of the entire architecture.'],
      lessons,
      lessonsFrom: 'lessons',
      tips: [],
      talks: [],
    },
  ],
  skipped: [],
  problems: [],
};
