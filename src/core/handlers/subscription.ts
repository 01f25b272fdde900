import type { CommandContext } from '../command-context.js';
import { reply, type Reply } from '../reply.js';

export async function handleSubscribe({ store, user, now }: CommandContext): Promise<Reply> {
  // The daily tip goes to the user's DM, never to the channel the command was typed in.
  const dmChannelId = user.dmChannelId ?? (await user.openDirectChannel?.());
  if (!dmChannelId && user.platform !== 'console') {
    return reply({
      title: 'Could not subscribe',
      blocks: [{ kind: 'paragraph', text: "I couldn't open a direct message with you. Send me \"subscribe\" in a direct message instead." }],
      ephemeral: true,
    });
  }
  const added = await store.subscribe({ platform: user.platform, userId: user.id, channelId: dmChannelId ?? null, since: now.toISOString() });
  if (added && dmChannelId && user.greetSubscriber && !(await user.greetSubscriber(dmChannelId))) {
    await store.unsubscribe(user.platform, user.id);
    return reply({
      title: 'Could not subscribe',
      blocks: [
        { kind: 'paragraph', text: "I can't send you direct messages, so the daily tip could not reach you." },
        { kind: 'context', text: "Allow direct messages from this server's members (the server's Privacy Settings), then subscribe again." },
      ],
      ephemeral: true,
    });
  }
  return reply({
    title: added ? 'Subscribed' : 'Already subscribed',
    blocks: [
      { kind: 'paragraph', text: added ? "You'll get the security tip of the day by direct message." : 'You already get the daily tip by direct message.' },
      { kind: 'context', text: 'Stop any time by sending "unsubscribe".' },
    ],
    buttons: [{ label: 'Unsubscribe', action: { command: 'unsubscribe', args: '' }, style: 'danger' }],
    ephemeral: true,
  });
}

export async function handleUnsubscribe({ store, user }: CommandContext): Promise<Reply> {
  const removed = await store.unsubscribe(user.platform, user.id);
  return reply({
    title: removed ? 'Unsubscribed' : 'Not subscribed',
    blocks: [{ kind: 'paragraph', text: removed ? 'No more daily tips by direct message.' : 'You were not getting the daily tip.' }],
    buttons: [{ label: 'Subscribe', action: { command: 'subscribe', args: '' }, style: 'primary' }],
    ephemeral: true,
  });
}
