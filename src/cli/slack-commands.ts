import { InvalidArgumentError, Option, type Command } from 'commander';
import { stringify as toYaml } from 'yaml';
import { commandDeclarations } from '../core/commands.js';
import { buildSlackManifest, type ManifestMode } from '../platforms/slack/manifest.js';

interface ManifestFlags {
  socket?: boolean;
  url?: string;
  format: 'json' | 'yaml';
  prefix?: string;
  name: string;
}

/** `takeaways manifest`: the Slack app manifest, generated from the command declarations. */
export function registerSlackCommands(program: Command): void {
  program
    .command('manifest')
    .description('Print a Slack app manifest to create the app from (api.slack.com/apps → From an app manifest)')
    .addOption(new Option('--socket', 'Socket Mode: no public URL needed (the default)').conflicts('url'))
    .addOption(new Option('--url <https-url>', 'HTTP mode: the public base URL Slack sends requests to').argParser(parseBaseUrl))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'yaml']).default('yaml'))
    .addOption(new Option('--prefix <prefix>', 'prefix for every slash command name, as SLACK_COMMAND_PREFIX').env('SLACK_COMMAND_PREFIX'))
    .option('--name <name>', 'the app name shown in Slack', 'Takeaways')
    .action((flags: ManifestFlags) => {
      const mode: ManifestMode = flags.url ? { kind: 'http', baseUrl: flags.url } : { kind: 'socket' };
      const manifest = buildSlackManifest({ commands: commandDeclarations, mode, commandPrefix: flags.prefix ?? '', appName: flags.name });
      process.stdout.write(flags.format === 'json' ? `${JSON.stringify(manifest, null, 2)}\n` : toYaml(manifest));
    });
}

function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('not a URL; give the public base, e.g. https://bot.example.com');
  }
  if (url.protocol !== 'https:') throw new InvalidArgumentError('Slack only sends requests to https URLs');
  return url.toString();
}
