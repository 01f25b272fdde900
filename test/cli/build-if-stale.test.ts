import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/** A copy of the project's build inputs in a temporary folder, sharing node_modules, to run npm start's pre-step in. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'takeaways-build-'));
  for (const path of ['src', 'scripts', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) cpSync(resolve(path), join(dir, path), { recursive: true });
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  // Every input an hour old, so a build made now is newer than all of them, whatever the file system's clock does.
  const hourAgo = new Date(Date.now() - 3_600_000);
  const age = (path: string) => {
    utimesSync(path, hourAgo, hourAgo);
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) age(join(path, entry));
  };
  for (const path of ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) age(join(dir, path));
  return dir;
}

const run = (dir: string) => execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe("npm start's build check", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('builds when there is no build, then not again until a source changes', () => {
    const dir = project();
    dirs.push(dir);
    run(dir);
    const built = statSync(join(dir, 'dist', 'src', 'cli.js')).mtimeMs;
    const info = statSync(join(dir, 'dist', '.tsbuildinfo')).mtimeMs;
    run(dir);
    expect(statSync(join(dir, 'dist', '.tsbuildinfo')).mtimeMs).toBe(info);

    // A touched source (even with the same content) is built once, then the build is current again.
    const later = new Date(Date.now() + 60_000); // even ahead of the clock
    utimesSync(join(dir, 'src', 'config.ts'), later, later);
    run(dir);
    const rebuilt = statSync(join(dir, 'dist', '.tsbuildinfo')).mtimeMs;
    expect(rebuilt).toBeGreaterThan(info);
    run(dir);
    expect(statSync(join(dir, 'dist', '.tsbuildinfo')).mtimeMs).toBe(rebuilt);
    expect(statSync(join(dir, 'dist', 'src', 'cli.js')).mtimeMs).toBeGreaterThanOrEqual(built);
  }, 120_000);

  it('says to run npm ci when there is no build and no TypeScript', () => {
    const dir = mkdtempSync(join(tmpdir(), 'takeaways-build-'));
    dirs.push(dir);
    cpSync(resolve('scripts'), join(dir, 'scripts'), { recursive: true });
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'cli.ts'), '');
    writeFileSync(join(dir, 'package.json'), '{}');
    expect(() => run(dir)).toThrow(/run `npm ci` first/);
  });
});
