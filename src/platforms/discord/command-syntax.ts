import type { CommandSyntax } from '../../core/command-syntax.js';
import { localizedCommandName, localizedOptionName } from '../../core/commands.js';
import { DEFAULT_LANGUAGE, languageOfLocale, translator, type Language } from '../../core/i18n.js';

const syntaxes = new Map<Language, CommandSyntax>();

/**
 * Commands as typed in Discord's slash-command box: the argument goes into the command's option by name
 * (`/speakers name:thinh`), which is the only way Discord takes one. Discord shows a Vietnamese client the commands'
 * Vietnamese names (`/diễn-giả tên:thinh`), so hints are written in the names the user's client shows.
 */
export function discordCommandSyntax(locale?: string): CommandSyntax {
  const language = languageOfLocale(locale) ?? DEFAULT_LANGUAGE;
  const known = syntaxes.get(language);
  if (known) return known;
  const t = translator(language);
  const syntax: CommandSyntax = {
    id: `discord:${language}`,
    invocation(declaration, args = '') {
      const option = declaration.options[0];
      const name = localizedCommandName(declaration, t);
      return args && option ? `/${name} ${localizedOptionName(declaration, option, t)}:${args}` : `/${name}`;
    },
    usage: (declaration) =>
      [
        `/${localizedCommandName(declaration, t)}`,
        ...declaration.options.map((option) => {
          const name = localizedOptionName(declaration, option, t);
          return option.required ? `${name}:<${name}>` : `[${name}:…]`;
        }),
      ].join(' '),
  };
  syntaxes.set(language, syntax);
  return syntax;
}
