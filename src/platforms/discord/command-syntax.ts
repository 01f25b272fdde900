import type { CommandSyntax } from '../../core/command-syntax.js';

/**
 * Commands as typed in Discord's slash-command box: the argument goes into the command's option by name
 * (`/speakers name:thinh`), which is the only way Discord takes one.
 */
export const discordCommandSyntax: CommandSyntax = {
  id: 'discord',
  invocation(declaration, args = '') {
    const option = declaration.options[0];
    return args && option ? `/${declaration.name} ${option.name}:${args}` : `/${declaration.name}`;
  },
  usage: (declaration) =>
    [`/${declaration.name}`, ...declaration.options.map((option) => (option.required ? `${option.name}:<${option.name}>` : `[${option.name}:…]`))].join(' '),
};
