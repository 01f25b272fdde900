#!/usr/bin/env node
/**
 * `npm start`'s pre-step: rebuilds dist/ only when a source is newer than the last build (`npm ci` already built
 * it), instead of running the whole TypeScript compiler on every start. Without TypeScript installed (a production
 * install) the existing build is used as it is.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

const buildInfo = 'dist/.tsbuildinfo';
const inputs = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

function newestIn(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestIn(path));
    else if (/\.(?:ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(newestIn('src'), ...inputs.filter((path) => existsSync(path)).map((path) => statSync(path).mtimeMs));
const built = existsSync(buildInfo) && existsSync('dist/src/cli.js') ? statSync(buildInfo).mtimeMs : 0;
if (built >= sources) process.exit(0);

const compiler = join('node_modules', 'typescript', 'bin', 'tsc');
if (!existsSync(compiler)) {
  if (built > 0) {
    process.stderr.write('takeaways: sources changed since the last build, but TypeScript is not installed; starting the existing build\n');
    process.exit(0);
  }
  process.stderr.write('takeaways: no build in dist/ and no TypeScript to make one: run `npm ci` first\n');
  process.exit(1);
}
process.stderr.write('takeaways: sources changed since the last build; building…\n');
execFileSync(process.execPath, [compiler, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
// An incremental build that finds nothing to emit leaves its build info as it was: mark the build as current (as
// new as the newest source, should a source's time be ahead of the clock).
const current = new Date(Math.max(Date.now(), sources));
if (existsSync(buildInfo)) utimesSync(buildInfo, current, current);
