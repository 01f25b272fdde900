import type { Language } from './i18n.js';

/**
 * The neutral reply: what every command handler returns and every renderer consumes.
 * All text here is plain (no markdown, no mentions); renderers escape it for their platform.
 */

export interface ReplyField {
  label: string;
  value: string;
}

export type ReplyBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; heading?: string; items: string[]; ordered?: boolean }
  | { kind: 'fields'; fields: ReplyField[] }
  | { kind: 'context'; text: string };

/** An action re-enters the dispatcher: a button click becomes this command input. */
export interface ReplyAction {
  command: string;
  args: string;
  /** 1-based page of a long answer. */
  page?: number;
  /** Which alternative to show, e.g. the n-th "another tip". */
  variant?: number;
}

export interface ReplyButton {
  label: string;
  action: ReplyAction;
  style?: 'primary' | 'danger';
}

export interface Reply {
  /** The language the reply is written in: renderers write their own words (Share, page hints) in it too. */
  language?: Language;
  title?: string;
  blocks: ReplyBlock[];
  buttons: ReplyButton[];
  /** Only the asking user sees it (Slack ephemeral, Discord ephemeral flag). */
  ephemeral: boolean;
  /** When set, a platform may offer "Share in channel", which re-runs this action publicly. */
  share?: ReplyAction;
  /**
   * Not the answer asked for but a word about it (slow down, an apology, try again): platforms show it to the
   * asker alone and never in place of a message they were reading, which stays as it was.
   */
  notice?: boolean;
}

export function reply(parts: Partial<Reply> & Pick<Reply, 'blocks'>): Reply {
  return { buttons: [], ephemeral: false, ...parts };
}
