import { describe, expect, it } from 'vitest';
import { commandDeclarations } from '../../src/core/commands.js';
import { routeText } from '../../src/core/route-text.js';

describe('routeText', () => {
  it.each([
    ['speakers thinh', 'speakers', 'thinh'],
    ['/pillars iam', 'pillars', 'iam'],
    ['tip', 'tip', ''],
    ['Speaker Thinh', 'speakers', 'Thinh'],
    ['!lessons', 'lessons', ''],
    ['hello', 'help', ''],
    ['', 'help', ''],
    ['how do I rotate keys', 'search', 'how do I rotate keys'],
    ['/nonsense words', 'nonsense', 'words'],
    ['  spaced\tout\n text ', 'search', 'spaced out text'],
  ])('routes "%s" to %s', (text, command, args) => {
    expect(routeText(text, commandDeclarations)).toEqual({ command, args });
  });
});
