import { describe, expect, it } from 'vitest';
import { commandDeclarations, indexCommands } from '../../../src/core/commands.js';
import { decodeSlackText } from '../../../src/platforms/slack/slack-text.js';
import { withoutPings } from '../../../src/platforms/slack/without-pings.js';
import { listSlashCommands, resolveSlashCommand } from '../../../src/platforms/slack/slash-commands.js';

describe('decodeSlackText', () => {
  it.each([
    ['a &lt;b&gt; &amp; c', 'a <b> & c'],
    ['<@U123|ana> hi', '@ana hi'],
    ['<@U123> hi', '@U123 hi'],
    ['<#C123|general>', '#general'],
    ['<!here> <!channel>', '@here @channel'],
    ['<https://example.com|the site>', 'the site'],
    ['<https://example.com>', 'https://example.com'],
    ['  speakers thinh ', 'speakers thinh'],
    ['a > b, c@d', 'a > b, c@d'],
  ])('turns %j into %j', (input, expected) => {
    expect(decodeSlackText(input)).toBe(expected);
  });

  it('drops the bot’s own mention', () => {
    expect(decodeSlackText('<@UBOT> speakers thinh', { dropUserId: 'UBOT' })).toBe('speakers thinh');
  });
});

describe('resolveSlashCommand', () => {
  const slashes = listSlashCommands(commandDeclarations);
  const known = indexCommands(commandDeclarations);
  const umbrella = slashes[0];
  const speakers = slashes.find((slash) => slash.name === '/speakers');

  it.each([
    ['speakers thinh', { kind: 'command', command: 'speakers', args: 'thinh' }],
    ['Pillars  data protection', { kind: 'command', command: 'pillars', args: 'data protection' }],
    ['', { kind: 'command', command: 'help', args: '' }],
    ['nguyen', { kind: 'text', text: 'nguyen' }],
  ])('/takeaways %j runs %j', (text, expected) => {
    expect(umbrella && resolveSlashCommand(umbrella, text, known)).toEqual(expected);
  });

  it('an own slash command takes its whole text as the argument', () => {
    expect(speakers && resolveSlashCommand(speakers, ' tip thinh ', known)).toEqual({ kind: 'command', command: 'speakers', args: 'tip thinh' });
  });

  it('refuses a prefix that makes an invalid Slack command name', () => {
    expect(() => listSlashCommands(commandDeclarations, 'Has Space')).toThrow(/SLACK_COMMAND_PREFIX/);
  });
});

describe('the last check before a message leaves for Slack', () => {
  it('neutralises mentions and links in mrkdwn and the fallback text, and leaves plain_text alone', () => {
    const message = withoutPings({
      text: 'hi <!channel> see <https://evil.example|here>',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '*x* <@U123> <!here> <#C1>' } },
        { type: 'section', text: { type: 'plain_text', text: '<!channel> stays literal' } },
      ],
    });
    expect(message.text).toBe('hi &lt;!channel> see &lt;https://evil.example|here>');
    expect((message.blocks[0]?.['text'] as { text: string }).text).toBe('*x* &lt;@U123> &lt;!here> &lt;#C1>');
    expect((message.blocks[1]?.['text'] as { text: string }).text).toBe('<!channel> stays literal');
  });
});
