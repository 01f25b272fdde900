/**
 * Expected failures carry a stable code and a message a person can act on.
 * Unexpected failures stay plain `Error`s and are logged with their context.
 */
export const ErrorCode = {
  ContentUnreadable: 'content_unreadable',
  ContentInvalid: 'content_invalid',
  ConfigInvalid: 'config_invalid',
  CommandUnknown: 'command_unknown',
  CommandDuplicate: 'command_duplicate',
  CommandWithoutHandler: 'command_without_handler',
  ArgumentInvalid: 'argument_invalid',
  StoreUnavailable: 'store_unavailable',
  StoreCorrupt: 'store_corrupt',
  PlatformAuth: 'platform_auth',
  PlatformRequest: 'platform_request',
  RateLimited: 'rate_limited',
  /** A content repository could not be fetched: wrong URL, host down, private without credentials, timed out. */
  RepositoryUnreachable: 'repository_unreachable',
  /** The configured `#branch` of a content repository does not exist there. */
  RepositoryBranchMissing: 'repository_branch_missing',
  /** Any other failure of a repository sync: the clone on disk could not be updated or swapped. */
  RepositorySyncFailed: 'repository_sync_failed',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class TakeawaysError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TakeawaysError';
    this.code = code;
    this.details = details;
  }
}

export function isTakeawaysError(error: unknown, code?: ErrorCode): error is TakeawaysError {
  return error instanceof TakeawaysError && (code === undefined || error.code === code);
}

/** A short, single-line description of any thrown value, for logs and operator messages. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The `code` a Node or library error carries (ENOENT, SQLITE_BUSY, ...), or '' when it has none. */
export function errorCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}
