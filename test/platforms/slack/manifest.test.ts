import { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerSlackCommands } from '../../../src/cli/slack-commands.js';
import { commandDeclarations } from '../../../src/core/commands.js';
import { buildSlackManifest, SLACK_BOT_SCOPES } from '../../../src/platforms/slack/manifest.js';

type Manifest = {
  features: { slash_commands: { command: string; description: string; usage_hint?: string; url?: string }[]; app_home: Record<string, boolean>; bot_user: unknown };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean; request_url?: string }; event_subscriptions: { bot_events: string[]; request_url?: string } };
  display_information: { name: string };
};

async function runCli(args: string[]): Promise<string> {
  let output = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    output += String(chunk);
    return true;
  });
  try {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
    registerSlackCommands(program);
    await program.parseAsync(['node', 'takeaways', 'manifest', ...args]);
  } finally {
    write.mockRestore();
  }
  return output;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the Slack app manifest', () => {
  it('declares /takeaways and every command that has its own slash command, with usage hints', () => {
    const manifest = buildSlackManifest({ commands: commandDeclarations, mode: { kind: 'socket' } }) as Manifest;
    const names = manifest.features.slash_commands.map((command) => command.command);

    expect(names).toEqual(['/takeaways', ...commandDeclarations.filter((command) => command.ownSlashCommand).map((command) => `/${command.name}`)]);
    expect(names).toEqual(expect.arrayContaining(['/speakers', '/pillars', '/tip', '/lessons', '/events']));
    const umbrella = manifest.features.slash_commands[0];
    for (const declaration of commandDeclarations) expect(umbrella?.usage_hint).toContain(declaration.name);
    expect(manifest.features.slash_commands.find((command) => command.command === '/speakers')?.usage_hint).toBe('[name] [about <topic>]');
    for (const command of manifest.features.slash_commands) {
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.command.length).toBeLessThanOrEqual(32);
    }
  });

  it('asks for exactly the scopes the bot uses, and enables the events, interactivity and the Messages tab', () => {
    const manifest = buildSlackManifest({ commands: commandDeclarations, mode: { kind: 'socket' } }) as Manifest;
    expect(manifest.oauth_config.scopes.bot).toEqual(['app_mentions:read', 'chat:write', 'chat:write.public', 'commands', 'im:history', 'im:write', 'users:read']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'app_mention', 'message.im']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });

  it('in Socket Mode needs no URL anywhere', () => {
    const manifest = buildSlackManifest({ commands: commandDeclarations, mode: { kind: 'socket' } }) as Manifest;
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(manifest)).not.toContain('http');
  });

  it('in HTTP mode points commands, events and interactivity at the receiver path', () => {
    const manifest = buildSlackManifest({ commands: commandDeclarations, mode: { kind: 'http', baseUrl: 'https://bot.example.com/' } }) as Manifest;
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://bot.example.com/slack/events');
    expect(manifest.settings.interactivity.request_url).toBe('https://bot.example.com/slack/events');
    expect(new Set(manifest.features.slash_commands.map((command) => command.url))).toEqual(new Set(['https://bot.example.com/slack/events']));
  });

  it('prefixes every slash command name', () => {
    const manifest = buildSlackManifest({ commands: commandDeclarations, mode: { kind: 'socket' }, commandPrefix: 'acme-' }) as Manifest;
    expect(manifest.features.slash_commands.every((command) => command.command.startsWith('/acme-'))).toBe(true);
  });

  it('`takeaways manifest` prints YAML by default and JSON on request, with the same content', async () => {
    const yaml = parseYaml(await runCli([])) as Manifest;
    const json = JSON.parse(await runCli(['--format', 'json'])) as Manifest;
    expect(yaml).toEqual(json);
    expect(yaml.settings.socket_mode_enabled).toBe(true);
    expect(yaml.oauth_config.scopes.bot).toEqual([...SLACK_BOT_SCOPES]);
  });

  it('`takeaways manifest --url` switches to HTTP mode and takes SLACK_COMMAND_PREFIX from the environment', async () => {
    vi.stubEnv('SLACK_COMMAND_PREFIX', 'tk-');
    const manifest = JSON.parse(await runCli(['--url', 'https://bot.example.com', '--format', 'json'])) as Manifest;
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://bot.example.com/slack/events');
    expect(manifest.features.slash_commands[0]?.command).toBe('/tk-takeaways');
  });

  it.each([
    ['https://bot.example.com', 'https://bot.example.com/slack/events'],
    ['https://bot.example.com/slack/events', 'https://bot.example.com/slack/events'],
    ['https://bot.example.com/slack/events/', 'https://bot.example.com/slack/events'],
    ['https://bot.example.com/takeaways/', 'https://bot.example.com/takeaways/slack/events'],
    ['https://bot.example.com/?team=acme', 'https://bot.example.com/slack/events?team=acme'],
  ])('`takeaways manifest --url %s` gives the request URL %s', async (base, expected) => {
    const manifest = JSON.parse(await runCli(['--url', base, '--format', 'json'])) as Manifest;
    expect(manifest.settings.event_subscriptions.request_url).toBe(expected);
    expect(manifest.settings.interactivity.request_url).toBe(expected);
    expect(new Set(manifest.features.slash_commands.map((command) => command.url))).toEqual(new Set([expected]));
  });

  it('`takeaways manifest --name` over 35 characters is refused with a message saying so', async () => {
    await expect(runCli(['--name', 'Workshop Takeaways for the Cloud Club Community'])).rejects.toThrow(/1 to 35/);
    expect(JSON.parse(await runCli(['--name', 'A'.repeat(35), '--format', 'json'])).display_information.name).toBe('A'.repeat(35));
  });

  it.each([['http://bot.example.com'], ['not a url']])('`takeaways manifest --url %s` is refused', async (url) => {
    await expect(runCli(['--url', url])).rejects.toThrow();
  });
});
