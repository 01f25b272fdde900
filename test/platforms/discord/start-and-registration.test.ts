import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerDiscordCommands } from '../../../src/cli/discord-commands.js';
import { commandDeclarations } from '../../../src/core/commands.js';
import { defaultTaxonomy } from '../../../src/content/taxonomy.js';
import { isTakeawaysError } from '../../../src/errors.js';
import {
  buildCommandRegistration,
  hashCommandRegistration,
  pillarChoicesFromTaxonomy,
  registrationStoreKey,
  type DiscordCommandJson,
} from '../../../src/platforms/discord/command-registration.js';
import { startDiscord } from '../../../src/platforms/discord/discord-platform.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { storeFilePath } from '../../../src/store/open-store.js';
import { SqliteStore } from '../../../src/store/sqlite-store.js';
import { FakeDiscord, GatewayIntent } from '../../fakes/fake-discord.js';
import { captureLogger, sampleBot, startHarness, type DiscordHarness } from './discord-harness.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(options: Parameters<typeof startHarness>[0] = {}): Promise<DiscordHarness> {
  const harness = await startHarness(options);
  cleanups.push(() => harness.platform.stop());
  if (!options.fake) cleanups.push(() => harness.fake.close());
  return harness;
}

async function fakeDiscord(): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start();
  cleanups.push(() => fake.close());
  return fake;
}

const registrations = (fake: FakeDiscord) => fake.calls.filter((call) => call.method === 'PUT' && call.path.endsWith('/commands'));
const pillarChoices = pillarChoicesFromTaxonomy(defaultTaxonomy);

describe('starting the Discord platform', () => {
  it('logs in with Guilds and DirectMessages only (no privileged intent) and reports connected', async () => {
    const { fake, platform } = await started();

    expect(fake.identifies).toEqual([{ token: fake.token, intents: GatewayIntent.Guilds | GatewayIntent.DirectMessages, shard: [0, 1] }]);
    expect(platform.isConnected()).toBe(true);
    await platform.stop();
    expect(platform.isConnected()).toBe(false);
  });

  it('connects with as many shards as Discord requires, answering commands in servers and direct messages', async () => {
    const fake = await FakeDiscord.start({ shards: 2 });
    cleanups.push(() => fake.close());
    const { platform } = await started({ fake });

    expect(fake.identifies.map((identify) => identify.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(platform.isConnected()).toBe(true);
    const command = await fake.waitForCallback(fake.slashCommand({ name: 'pillars', options: { pillar: 'iam' } }));
    expect(command.status).toBe(204);
    const dm = fake.directMessage({ content: 'pillars iam' });
    await fake.waitFor((call) => call.method === 'POST' && call.path === `/channels/${dm.channelId}/messages`);
  });

  it('registers the whole command set globally, derived from the declarations', async () => {
    const { fake } = await started();

    const [registration] = registrations(fake);
    const body = registration?.body as DiscordCommandJson[];
    expect(registration?.path).toBe(`/applications/${fake.appId}/commands`);
    expect(body).toEqual(buildCommandRegistration(commandDeclarations, pillarChoices));
    expect(body.map((command) => command.name)).toEqual(commandDeclarations.map((declaration) => declaration.name));
    const byName = new Map(body.map((command) => [command.name, command]));
    expect(byName.get('speakers')?.options[0]).toMatchObject({ name: 'name', type: 3, required: false, autocomplete: true });
    expect(byName.get('events')?.options[0]).toMatchObject({ autocomplete: true });
    expect(byName.get('search')?.options[0]).toMatchObject({ name: 'query', required: true });
    expect(byName.get('pillars')?.options[0]?.choices).toEqual(
      defaultTaxonomy.pillars.map((pillar) => ({ name: `${pillar.number}. ${pillar.name}`, value: pillar.id, name_localizations: { vi: `${pillar.number}. ${pillar.vi?.name ?? ''}` } })),
    );
    expect(byName.get('pillars')?.options[0]?.autocomplete).toBeUndefined();
    for (const command of body) {
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.contexts).toEqual([0, 1]);
    }
  });

  it('registers to one server, without global-only fields, when a guild is given', async () => {
    const fake = await fakeDiscord();
    await started({ fake, platform: { guildId: fake.guildId } });

    const [registration] = registrations(fake);
    expect(registration?.path).toBe(`/applications/${fake.appId}/guilds/${fake.guildId}/commands`);
    expect((registration?.body as DiscordCommandJson[])[0]?.contexts).toBeUndefined();
  });

  it('registers again only when the command set changed since the last registration', async () => {
    const fake = await fakeDiscord();
    const store = new MemoryStore();

    const first = await started({ fake, store });
    await first.platform.stop();
    const second = await started({ fake, store });
    await second.platform.stop();
    expect(registrations(fake)).toHaveLength(1);
    expect(await store.getValue(registrationStoreKey(fake.appId))).toBe(hashCommandRegistration(buildCommandRegistration(commandDeclarations, pillarChoices)));

    await started({ fake, store, platform: { pillarChoices: pillarChoices.slice(0, 3) } });
    expect(registrations(fake)).toHaveLength(2);
  });

  it('keeps answering, and logs why, when Discord refuses the registration', async () => {
    const fake = await fakeDiscord();
    fake.failNext((method, path) => method === 'PUT' && path.endsWith('/commands'), 403, { message: 'Missing Access', code: 50001 });
    const { records, store } = await started({ fake });

    const callback = await fake.waitForCallback(fake.slashCommand({ name: 'help' }));

    expect(callback.status).toBe(204);
    expect(records.some((record) => record.msg.startsWith('discord: could not register the commands'))).toBe(true);
    expect(await store.getValue(registrationStoreKey(fake.appId))).toBeNull();
  });

  it('fails with a clear platform_auth error for a wrong token', async () => {
    const fake = await fakeDiscord();
    const { logger } = captureLogger();
    const store = new MemoryStore();

    const error: unknown = await startDiscord({ bot: sampleBot(store, logger), store, logger, token: 'wrong-token', appId: fake.appId, apiUrl: fake.apiUrl }).catch(
      (caught: unknown) => caught,
    );

    expect(isTakeawaysError(error, 'platform_auth')).toBe(true);
    expect((error as Error).message).toContain('DISCORD_TOKEN');
    expect(fake.identifies).toEqual([]);
  });

  it('fails with a config_invalid error when DISCORD_APP_ID is not the token’s application', async () => {
    const fake = await fakeDiscord();

    const error: unknown = await startHarness({ fake, platform: { appId: '100000000000000999' } }).catch((caught: unknown) => caught);

    expect(isTakeawaysError(error, 'config_invalid')).toBe(true);
    expect((error as Error).message).toContain('DISCORD_APP_ID');
    expect(fake.connectedSessions).toBe(0);
  });
});

describe('takeaways deploy-commands', () => {
  async function deploy(fake: FakeDiscord, args: string[], env: Record<string, string>): Promise<{ output: string[] }> {
    const output: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void output.push(String(line)));
    const saved = { ...process.env };
    Object.assign(process.env, { DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiUrl, ...env });
    try {
      const program = new Command().exitOverride();
      registerDiscordCommands(program);
      await program.parseAsync(['deploy-commands', ...args], { from: 'user' });
      return { output };
    } finally {
      process.env = saved;
      log.mockRestore();
    }
  }

  function dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'takeaways-discord-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  it('PUTs the whole set to one server and records the hash in the existing store', async () => {
    const fake = await fakeDiscord();
    const DATA_DIR = dataDir();
    await SqliteStore.open(storeFilePath({ DATA_DIR })).close();

    const { output } = await deploy(fake, ['--guild', fake.guildId], { DATA_DIR });

    const [registration] = registrations(fake);
    const body = buildCommandRegistration(commandDeclarations, pillarChoices, { guildId: fake.guildId });
    expect(registration?.path).toBe(`/applications/${fake.appId}/guilds/${fake.guildId}/commands`);
    expect(registration?.body).toEqual(body);
    expect(output.join('\n')).toContain(`Registered ${commandDeclarations.length} commands`);
    const store = SqliteStore.open(storeFilePath({ DATA_DIR }));
    cleanups.push(() => store.close());
    expect(await store.getValue(registrationStoreKey(fake.appId, fake.guildId))).toBe(hashCommandRegistration(body));
  });

  it('registers globally without --guild and creates no store file', async () => {
    const fake = await fakeDiscord();
    const DATA_DIR = dataDir();

    await deploy(fake, [], { DATA_DIR });

    expect(registrations(fake).map((call) => call.path)).toEqual([`/applications/${fake.appId}/commands`]);
    expect(existsSync(storeFilePath({ DATA_DIR }))).toBe(false);
  });

  it('registers to one server and removes the global set with --clear-global, so no command shows twice', async () => {
    const fake = await fakeDiscord();

    const { output } = await deploy(fake, ['--guild', fake.guildId, '--clear-global'], { DATA_DIR: dataDir() });

    expect(registrations(fake).map((call) => [call.path, (call.body as unknown[]).length])).toEqual([
      [`/applications/${fake.appId}/guilds/${fake.guildId}/commands`, commandDeclarations.length],
      [`/applications/${fake.appId}/commands`, 0],
    ]);
    expect(output.join('\n')).toContain('Removed the global commands');
  });

  it("registers globally and removes one server's set with --clear-guild", async () => {
    const fake = await fakeDiscord();

    await deploy(fake, ['--clear-guild', fake.guildId], { DATA_DIR: dataDir(), DISCORD_GUILD_ID: '' });

    expect(registrations(fake).map((call) => [call.path, (call.body as unknown[]).length])).toEqual([
      [`/applications/${fake.appId}/commands`, commandDeclarations.length],
      [`/applications/${fake.appId}/guilds/${fake.guildId}/commands`, 0],
    ]);
  });

  it('fails with platform_auth for a wrong token', async () => {
    const fake = await fakeDiscord();

    const error: unknown = await deploy(fake, [], { DATA_DIR: dataDir(), DISCORD_TOKEN: 'wrong-token' }).catch((caught: unknown) => caught);

    expect(isTakeawaysError(error, 'platform_auth')).toBe(true);
  });
});

describe('a dropped gateway connection', () => {
  it('is resumed, and the bot keeps answering', async () => {
    const { fake, platform } = await started();

    fake.dropConnections();
    await vi.waitFor(() => expect(fake.resumes).toBe(1), { timeout: 10_000 });
    const callback = await fake.waitForCallback(fake.slashCommand({ name: 'help' }));

    expect(callback.status).toBe(204);
    expect(platform.isConnected()).toBe(true);
    expect(fake.identifies).toHaveLength(1);
  });
});

describe('DISCORD_API_URL', () => {
  it('accepts the base with a version and a trailing slash, as an operator may paste it', async () => {
    const fake = await fakeDiscord();

    await started({ fake, platform: { apiUrl: `${fake.apiUrl}/v10/`, guildId: fake.guildId } });

    expect(registrations(fake).map((call) => call.path)).toEqual([`/applications/${fake.appId}/guilds/${fake.guildId}/commands`]);
  });
});

describe('two copies of the bot on one token', () => {
  it('sharing a store, answer each interaction once: no second answer fails with 40060', async () => {
    const fake = await fakeDiscord();
    const store = new MemoryStore();
    const first = await started({ fake, store, platform: { claimInteractions: true } });
    await started({ fake, store, platform: { claimInteractions: true } });
    expect(fake.connectedSessions).toBe(2);

    const handle = fake.slashCommand({ name: 'pillars', options: { pillar: 'iam' } });
    await fake.waitForCallback(handle);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(fake.callsFor(handle).map((call) => call.status)).toEqual([204]);
    expect(first.records.some((record) => record.msg === 'discord: interaction failed')).toBe(false);
  });
});
