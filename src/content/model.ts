/**
 * The content model: what every command, tip and platform reads.
 * `takeaways export` prints a `ContentModel` as JSON; field names are a contract.
 */

export type Lang = string;

export interface Speaker {
  name: string;
  role: string | null;
  org: string | null;
}

export interface Highlight {
  heading: string;
  /** A pillar id from the taxonomy, or null when the heading belongs to none. */
  pillar: string | null;
  points: string[];
}

export interface EventPillar {
  id: string;
  title: string;
  /** Points from highlight sections mapped to this pillar. */
  points: string[];
  /** Bullets elsewhere in the report that clearly belong to this pillar. */
  related: string[];
}

/** A session or talk as a report gives it: who gave it, what it covered. */
export interface Talk {
  /** The session or talk as the report titles it. */
  title: string;
  /** Its speakers, as the report writes their names. */
  speakers: string[];
  /** Pillar ids it covers (security pages only). */
  pillars: string[];
  /** What it covered, when the report gives its points. */
  points: string[];
}

export interface TakeawayEvent {
  /** Unique per page: the key, plus `.<lang>` for a non-default language twin. */
  id: string;
  /** Shared by language twins: the page's bundle path relative to the content folder. */
  key: string;
  /** Path relative to the content folder, with `/` separators. */
  source: string;
  /**
   * The site the page belongs to: the folder holding its Hugo `content/` folder when the path has one
   * (`sites/AkiHayakwa__AWS-Intership-FCJ-/content/…`), else the source's own name (a repository's owner/name, a
   * folder's name).
   */
  site: string;
  /** Who wrote it: front-matter `author`, else the site. */
  author: string;
  /** Front-matter `event_id`: reports with the same one are one event, whatever else they say. */
  eventId: string | null;
  lang: Lang;
  title: string;
  name: string;
  /** ISO date (YYYY-MM-DD), or null when the report gives none that can be trusted. */
  date: string | null;
  purpose: string[];
  speakers: Speaker[];
  highlights: Highlight[];
  pillars: EventPillar[];
  learned: string[];
  /** The lessons-learned points; a page with no lessons section gives its takeaways here instead (see lessonsFrom). */
  lessons: string[];
  /** Where `lessons` came from: a lessons section (or front matter), the page's takeaways, or nowhere. */
  lessonsFrom: 'lessons' | 'takeaways' | null;
  /** The texts this report adds to the tip pool: front-matter `tips:` and its lessons (or takeaways). */
  tips: string[];
  /** Who spoke about what: the report's sessions and talks with their speakers. */
  talks: Talk[];
}

export interface SkippedPage {
  source: string;
  reason: string;
}

export type Severity = 'error' | 'warning';

export interface ContentProblem {
  source: string;
  line: number | null;
  severity: Severity;
  message: string;
}

/** One event as a source's `events.yaml` settles it: these reports are one event, with this id (and name, date). */
export interface EventOverride {
  id: string;
  name?: string | undefined;
  date?: string | undefined;
  /** Report paths as `takeaways check` lists them, or their folders (every language of the page). */
  reports: string[];
}

/** What a source's `events.yaml` says about which reports are one event. */
export interface EventOverrides {
  events: EventOverride[];
  /** Pairs of report paths (or folders) that are never one event. */
  separate: Array<[string, string]>;
}

export interface ContentModel {
  events: TakeawayEvent[];
  skipped: SkippedPage[];
  problems: ContentProblem[];
  /** From `events.yaml` at the top of the source, when there is one. */
  overrides?: EventOverrides;
}

/** One security area of the taxonomy (a pillar of the workshop, or an area a user added). */
export interface PillarDefinition {
  id: string;
  /** Position in the workshop's order, 1-based; `pillars 1` finds the first. */
  number: number;
  name: string;
  description: string;
  /** The name and description in Vietnamese (`vi` in the taxonomy data); English stands in for what is missing. */
  vi?: { name?: string | undefined; description?: string | undefined };
  aliases: string[];
  keywords: string[];
  services: string[];
}

export interface Taxonomy {
  pillars: PillarDefinition[];
}
