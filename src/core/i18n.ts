/**
 * The message catalog: every word a user reads comes from `messages/<language>.json` through i18next, with its
 * plural rules and interpolation, so adding a language is adding a file. English is the fallback of every key,
 * so a translation not yet written shows English, never a raw key.
 */
import i18next, { type i18n } from 'i18next';
import en from './messages/en.json' with { type: 'json' };
import vi from './messages/vi.json' with { type: 'json' };

/** The languages the bot answers in, in the order it offers them. */
export const LANGUAGES = ['en', 'vi'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language's catalog, as loaded: what the completeness test compares. */
export const CATALOGS: Readonly<Record<Language, unknown>> = { en, vi };

type PluralSuffix = '_zero' | '_one' | '_two' | '_few' | '_many' | '_other';
type WithoutPlural<Key extends string> = Key extends `${infer Base}${PluralSuffix}` ? Base : Key;
type Leaves<Tree, Prefix extends string = ''> = {
  [Key in keyof Tree & string]: Tree[Key] extends string ? WithoutPlural<`${Prefix}${Key}`> : Leaves<Tree[Key], `${Prefix}${Key}.`>;
}[keyof Tree & string];

/** Every key of the English catalog (a plural key without its `_one` / `_other`): a typo is a type error. */
export type MessageKey = Leaves<typeof en>;

export type MessageValues = Record<string, string | number>;

/** Words in one language: `t('events.noSuchText', { query })`, `t('count.event', { count: 3 })`. */
export interface Translator {
  (key: MessageKey, values?: MessageValues): string;
  readonly language: Language;
  /** "A, B or C" / "A, B hoặc C", as the language writes a list. */
  list(items: readonly string[], type?: 'and' | 'or'): string;
}

/**
 * Translators over the given catalogs (one per language, English the fallback of every key). The bot's own are
 * `translator`; a test passes catalogs with a key missing to see English stand in for it.
 */
export function createTranslators(resources: Readonly<Record<string, unknown>>): (language: Language) => Translator {
  const instance = createI18next(resources);
  const translators = new Map<Language, Translator>();
  return (language) => {
    const known = translators.get(language);
    if (known) return known;
    const translate = compiledTranslator(instance, language);
    translators.set(language, translate);
    return translate;
  };
}

/** The i18next instance the translators read the catalogs through (a test checks them against its own t()). */
export function createI18next(resources: Readonly<Record<string, unknown>>): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(Object.entries(resources).map(([language, messages]) => [language, { translation: messages as Record<string, unknown> }])),
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    // Replies are plain text that each renderer escapes for its platform: no HTML escaping here.
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
    // A key missing from every catalog is a bug the types prevent; were it to happen, an empty text beats a raw key.
    parseMissingKeyHandler: () => '',
  });
  return instance;
}

/**
 * `language`'s translator. i18next's own t() costs 10-40 µs a call, most of an uncached answer; so each key's text is
 * resolved by i18next once per plural form (language, English fallback, plural key) and the values are put in place
 * here, well under a microsecond. A text or values a template cannot stand for exactly go through t() itself.
 */
function compiledTranslator(instance: i18n, language: Language): Translator {
  const fixed = instance.getFixedT(language);
  const conjunction = new Intl.ListFormat(language, { type: 'conjunction' });
  const disjunction = new Intl.ListFormat(language, { type: 'disjunction' });
  // Which plural key i18next picks depends only on zero-or-not and each looked-up language's plural category.
  const pluralRules = [...new Set([language, DEFAULT_LANGUAGE])].map((code) => new Intl.PluralRules(code));
  const pluralForm = (count: number) => `${count === 0 ? 'zero:' : ''}${pluralRules.map((rules) => rules.select(count)).join(':')}`;
  /** Each key's text as i18next resolves it (language, fallback, plural), made once per plural form. */
  const templates = new Map<string, Template | null>();
  const templateOf = (key: MessageKey, count: unknown): Template | null => {
    const plural = typeof count === 'number';
    const id = plural ? `${key}\u0000${pluralForm(count)}` : key;
    let template = templates.get(id);
    if (template === undefined) {
      template = compileTemplate(String(fixed(key, plural ? { count, skipInterpolation: true } : { skipInterpolation: true })));
      templates.set(id, template);
    }
    return template;
  };
  const translate = ((key: MessageKey, values?: MessageValues) => {
    const count = values?.['count'];
    const template = count === undefined || typeof count === 'number' || typeof count === 'string' ? templateOf(key, count) : null;
    return (template && fillTemplate(template, values)) ?? String(fixed(key, values ?? {}));
  }) as Translator;
  Object.defineProperty(translate, 'language', { value: language });
  Object.defineProperty(translate, 'list', { value: (items: readonly string[], type: 'and' | 'or' = 'and') => (type === 'or' ? disjunction : conjunction).format(items) });
  return translate;
}

/** A resolved text split at its `{{name}}` placeholders: `texts[0] + value(names[0]) + texts[1] + …`. */
interface Template {
  texts: string[];
  names: string[];
}

/** A placeholder i18next reads as one plain variable (no format, path, unescape or spaces). */
const PLAIN_PLACEHOLDER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names i18next reads as options of t(), not as words to put in the text. */
const I18NEXT_OPTIONS = new Set(['defaultValue', 'ordinal', 'context', 'replace', 'lng', 'lngs', 'fallbackLng', 'ns', 'keyPrefix', 'keySeparator', 'nsSeparator', 'returnObjects', 'returnDetails', 'joinArrays', 'postProcess', 'interpolation', 'skipInterpolation', 'nest']);

/**
 * A resolved text as a template, or null when i18next would do more with it than put values in place: nesting
 * (`$t(…)`), formats (`{{n, number}}`), paths, unescaped values, or a name it reads as an option. Values go in as
 * they are (escapeValue is off) and are never read again for placeholders, as i18next does with skipOnVariables.
 */
function compileTemplate(text: string): Template | null {
  if (text.includes('$t(')) return null;
  const texts: string[] = [];
  const names: string[] = [];
  let from = 0;
  for (const match of text.matchAll(/{{(.+?)}}/g)) {
    const name = match[1] ?? '';
    if (!PLAIN_PLACEHOLDER.test(name) || I18NEXT_OPTIONS.has(name)) return null;
    texts.push(text.slice(from, match.index));
    names.push(name);
    from = match.index + match[0].length;
  }
  texts.push(text.slice(from));
  return texts.some((part) => part.includes('{{')) ? null : { texts, names };
}

/** The template with the values in place; undefined when a value is missing or a name is one of t()'s options. */
function fillTemplate(template: Template, values: MessageValues | undefined): string | undefined {
  if (values) {
    for (const name in values) if (I18NEXT_OPTIONS.has(name)) return undefined;
  }
  let text = template.texts[0] ?? '';
  for (let index = 0; index < template.names.length; index += 1) {
    const value = values?.[template.names[index] ?? ''];
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    text += String(value) + (template.texts[index + 1] ?? '');
  }
  return text;
}

/** The translator of `language` over the bot's catalogs (made once per language). */
export const translator: (language: Language) => Translator = createTranslators(CATALOGS);

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The bot's language for a locale as platforms and shells give it: `vi`, `vi-VN` (Discord, Slack), `vi_VN.UTF-8`
 * (the `LANG` of a shell), `en-US`. Null for a language the bot does not speak, or no locale (`C`, `POSIX`).
 */
export function languageOfLocale(locale: string | undefined | null): Language | null {
  if (!locale) return null;
  const primary = locale.trim().toLowerCase().split(/[-_.@]/)[0] ?? '';
  return isLanguage(primary) ? primary : null;
}

/** How the language of an answer was chosen, so `/lang` can say why. */
export type LanguageSource = 'choice' | 'locale' | 'default';

export interface LanguageChoice {
  language: Language;
  source: LanguageSource;
}

/**
 * Which language a user gets: their own choice (`/lang`, or the console's `--lang`), else their platform's locale
 * when the bot speaks it, else the bot's default (`BOT_LANG`). Pure: the platform and the store supply the inputs.
 */
export function chooseLanguage(input: { chosen?: string | null; locale?: string | null; fallback: Language }): LanguageChoice {
  const chosen = languageOfLocale(input.chosen);
  if (chosen) return { language: chosen, source: 'choice' };
  const fromLocale = languageOfLocale(input.locale);
  if (fromLocale) return { language: fromLocale, source: 'locale' };
  return { language: input.fallback, source: 'default' };
}

/** A language's name in `language` ("Vietnamese", "tiếng Việt"); a content language the catalog lacks is named by Intl. */
export function languageName(code: string, t: Translator): string {
  if (isLanguage(code)) return t(`language.${code}`);
  try {
    return new Intl.DisplayNames([t.language], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
