import { once } from 'node:events';
import { ChannelType, Client, DiscordAPIError, Events, GatewayIntentBits, Partials, type Interaction, type Message } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord, GatewayIntent } from './fake-discord.js';

let fake: FakeDiscord;
const clients: Client[] = [];

beforeEach(async () => {
  fake = await FakeDiscord.start();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
  await fake.close();
});

function createClient(intents: number[], token = fake.token): { client: Client; login: Promise<string> } {
  const client = new Client({ intents, partials: [Partials.Channel], rest: { api: fake.apiUrl, retries: 0 }, waitGuildTimeout: 300 });
  clients.push(client);
  return { client, login: client.login(token) };
}

async function readyClient(intents: number[] = [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages]): Promise<Client> {
  const { client, login } = createClient(intents);
  await Promise.all([login, once(client, Events.ClientReady)]);
  return client;
}

describe('fake Discord with the real discord.js', () => {
  it('lets a client log in, sends READY and the guild, and records the intents asked for', async () => {
    const client = await readyClient();

    expect(client.user?.id).toBe(fake.botUser.id);
    expect(client.guilds.cache.get(fake.guildId)?.name).toBe('Security Community');
    expect(fake.identifies).toEqual([{ token: fake.token, intents: GatewayIntent.Guilds | GatewayIntent.DirectMessages, shard: [0, 1] }]);
    expect(fake.calls.map((call) => `${call.method} ${call.path}`)).toContain('GET /gateway/bot');
  });

  it('receives an interaction reply at the callback endpoint', async () => {
    const client = await readyClient();
    client.on(Events.InteractionCreate, (interaction: Interaction) => {
      if (interaction.isChatInputCommand()) void interaction.reply({ content: `pong ${interaction.options.getString('name') ?? ''}` });
    });

    const handle = fake.slashCommand({ name: 'speakers', options: { name: 'thinh' } });
    const callback = await fake.waitForCallback(handle);

    expect(callback.status).toBe(204);
    expect(callback.body).toMatchObject({ type: 4, data: { content: 'pong thinh' } });
  });

  it('refuses a second acknowledgement of the same interaction, as Discord does', async () => {
    const client = await readyClient();
    const second = new Promise<unknown>((resolve) => {
      client.on(Events.InteractionCreate, (interaction: Interaction) => {
        if (!interaction.isChatInputCommand()) return;
        void (async () => {
          await interaction.reply({ content: 'first' });
          // discord.js guards its own state; a raw second callback is what a confused bot would send.
          await client.rest.post(`/interactions/${interaction.id}/${interaction.token}/callback`, { body: { type: 4, data: { content: 'second' } }, auth: false }).catch(resolve);
        })();
      });
    });

    fake.slashCommand({ name: 'tip' });
    const error = await second;

    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(40060);
  });

  it('refuses a reply over Discord limits with Invalid Form Body', async () => {
    const client = await readyClient();
    const failure = new Promise<unknown>((resolve) => {
      client.on(Events.InteractionCreate, (interaction: Interaction) => {
        if (interaction.isChatInputCommand()) interaction.reply({ content: 'x'.repeat(2001) }).catch(resolve);
      });
    });

    fake.slashCommand({ name: 'help' });

    expect(((await failure) as DiscordAPIError).code).toBe(50035);
  });

  it('refuses a reply whose buttons share a custom_id with Invalid Form Body', async () => {
    const client = await readyClient();
    const failure = new Promise<unknown>((resolve) => {
      client.on(Events.InteractionCreate, (interaction: Interaction) => {
        const button = (label: string) => ({ type: 2, style: 2, label, custom_id: 'tk::same' });
        if (interaction.isChatInputCommand()) interaction.reply({ content: 'x', components: [{ type: 1, components: [button('Next'), button('Share')] }] }).catch(resolve);
      });
    });

    fake.slashCommand({ name: 'help' });

    expect(((await failure) as DiscordAPIError).code).toBe(50035);
  });

  it('delivers a direct message to a client with Guilds, DirectMessages and Partials.Channel', async () => {
    const client = await readyClient();
    const received = once(client, Events.MessageCreate) as Promise<[Message]>;

    const sent = fake.directMessage({ content: 'pillars iam' });
    const [message] = await received;

    expect(message.content).toBe('pillars iam');
    expect(message.channel.type).toBe(ChannelType.DM);
    expect(message.channelId).toBe(sent.channelId);
  });

  it('sends no direct message to a client without the DirectMessages intent', async () => {
    const client = await readyClient([GatewayIntentBits.Guilds]);
    const messages: Message[] = [];
    client.on(Events.MessageCreate, (message) => messages.push(message));
    const interaction = once(client, Events.InteractionCreate);

    fake.directMessage({ content: 'pillars iam' });
    // Gateway frames arrive in order: once the later interaction is here, the DM would have been too.
    fake.slashCommand({ name: 'help' });
    await interaction;

    expect(messages).toEqual([]);
  });

  it('sends no GUILD_CREATE without the Guilds intent', async () => {
    const { client, login } = createClient([GatewayIntentBits.DirectMessages]);
    // Without the guild, discord.js becomes ready only when it gives up waiting (waitGuildTimeout).
    await Promise.all([login, once(client, Events.ClientReady)]);

    expect(fake.identifies[0]?.intents).toBe(GatewayIntent.DirectMessages);
    expect(client.guilds.cache.get(fake.guildId)?.available).toBe(false);
  });

  it('makes login reject for a wrong token', async () => {
    const { login } = createClient([GatewayIntentBits.Guilds], 'wrong-token');

    await expect(login).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(fake.calls.map((call) => [call.path, call.status])).toEqual([['/gateway/bot', 401]]);
    expect(fake.identifies).toEqual([]);
  });
});
