/**
 * The message catalog: every word a user reads comes from `messages/<language>.json` through i18next, with its
 * plural rules and interpolation, so adding a language is adding a file. English is the fallback of every key,
 * so a translation not yet written shows English, never a raw key.
 */
import i18next from 'i18next';
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
  const translators = new Map<Language, Translator>();
  return (language) => {
    const known = translators.get(language);
    if (known) return known;
    const fixed = instance.getFixedT(language);
    const conjunction = new Intl.ListFormat(language, { type: 'conjunction' });
    const disjunction = new Intl.ListFormat(language, { type: 'disjunction' });
    const translate = ((key: MessageKey, values?: MessageValues) => String(fixed(key, values ?? {}))) as Translator;
    Object.defineProperty(translate, 'language', { value: language });
    Object.defineProperty(translate, 'list', { value: (items: readonly string[], type: 'and' | 'or' = 'and') => (type === 'or' ? disjunction : conjunction).format(items) });
    translators.set(language, translate);
    return translate;
  };
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
