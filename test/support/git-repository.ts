import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The identity of test commits, given through the environment: nothing is written to a global git config. Every other
 * GIT_* variable of the process is left out, so a developer's own GIT_DIR cannot point these commands elsewhere.
 */
function gitEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^GIT_/i.test(key)) environment[key] = value;
  return {
    ...environment,
    GIT_AUTHOR_NAME: 'Report Writer',
    GIT_AUTHOR_EMAIL: 'writer@example.com',
    GIT_COMMITTER_NAME: 'Report Writer',
    GIT_COMMITTER_EMAIL: 'writer@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
  };
}

/** A repository of report pages on this machine, standing in for one on GitHub. */
export class LocalRepository {
  private constructor(readonly dir: string) {}

  /** `git init` in `<parent>/<owner>/<name>` with a first commit of `files` (path → text). */
  static create(parent: string, ownerAndName: string, files: Record<string, string>, branch = 'main'): LocalRepository {
    const dir = join(parent, ownerAndName);
    mkdirSync(dir, { recursive: true });
    const repository = new LocalRepository(dir);
    repository.git('init', '--quiet', '--initial-branch', branch);
    repository.commit(files, 'first reports');
    return repository;
  }

  /** `file:///…/owner/name`, optionally with `#branch`. */
  url(branch?: string): string {
    return `${pathToFileURL(this.dir).href}${branch ? `#${branch}` : ''}`;
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: gitEnvironment(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Writes (text) or deletes (null) files, and commits them all. */
  commit(files: Record<string, string | null>, message: string): string {
    for (const [path, text] of Object.entries(files)) {
      const file = join(this.dir, path);
      if (text === null) rmSync(file, { force: true });
      else {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
    }
    this.git('add', '--all');
    this.git('commit', '--quiet', '--allow-empty', '--message', message);
    return this.head();
  }

  head(): string {
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** What a force-push leaves: the branch moved back `count` commits, then new commits on top. */
  rewindBy(count: number): void {
    this.git('reset', '--quiet', '--hard', `HEAD~${count}`);
  }
}

/** A report page the loader reads: an event with speakers and lessons. */
export function reportPage(event: string, speakers: readonly string[], frontMatter = `title: "${event}"\ndate: 2025-11-29`): string {
  return `---\n${frontMatter}\n---\n\n# Takeaways from "${event}"\n\n### Speaker List\n\n${speakers.map((name) => `- **${name}** - Cloud Engineer`).join('\n')}\n\n### Lessons learned\n\n- Rotate keys in AWS KMS\n- Least privilege for every role\n`;
}
