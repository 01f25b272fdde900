import type { CommandContext } from '../command-context.js';
import { reply, type Reply } from '../reply.js';

export async function handleSubscribe({ store, user, now, t }: CommandContext): Promise<Reply> {
  // The daily tip goes to the user's DM, never to the channel the command was typed in.
  const dmChannelId = user.dmChannelId ?? (await user.openDirectChannel?.());
  if (!dmChannelId && user.platform !== 'console') {
    return reply({ title: t('subscription.failedTitle'), blocks: [{ kind: 'paragraph', text: t('subscription.noDirectMessage') }], ephemeral: true });
  }
  const added = await store.subscribe({ platform: user.platform, userId: user.id, channelId: dmChannelId ?? null, since: now.toISOString() });
  if (added && dmChannelId && user.greetSubscriber && !(await user.greetSubscriber(dmChannelId))) {
    await store.unsubscribe(user.platform, user.id);
    return reply({
      title: t('subscription.failedTitle'),
      blocks: [
        { kind: 'paragraph', text: t('subscription.closedDirectMessages') },
        { kind: 'context', text: t('subscription.openDirectMessages') },
      ],
      ephemeral: true,
    });
  }
  return reply({
    title: added ? t('subscription.subscribedTitle') : t('subscription.alreadyTitle'),
    blocks: [
      { kind: 'paragraph', text: added ? t('subscription.subscribedText') : t('subscription.alreadyText') },
      { kind: 'context', text: t('subscription.stopHint') },
    ],
    buttons: [{ label: t('subscription.unsubscribeButton'), action: { command: 'unsubscribe', args: '' }, style: 'danger' }],
    ephemeral: true,
  });
}

export async function handleUnsubscribe({ store, user, t }: CommandContext): Promise<Reply> {
  const removed = await store.unsubscribe(user.platform, user.id);
  return reply({
    title: removed ? t('subscription.unsubscribedTitle') : t('subscription.notSubscribedTitle'),
    blocks: [{ kind: 'paragraph', text: removed ? t('subscription.unsubscribedText') : t('subscription.notSubscribedText') }],
    buttons: [{ label: t('subscription.subscribeButton'), action: { command: 'subscribe', args: '' }, style: 'primary' }],
    ephemeral: true,
  });
}
