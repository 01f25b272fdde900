import { foldText } from '../../content/text.js';
import type { CommandContext } from '../command-context.js';
import { chooseLanguage, languageName, LANGUAGES, translator, type Language } from '../i18n.js';
import { reply, type Reply } from '../reply.js';

/** What people type for a language: its code, or its name in either language ("tiếng việt", "english"). */
const WORDS: Readonly<Record<string, Language | 'auto'>> = {
  en: 'en',
  english: 'en',
  'tieng anh': 'en',
  vi: 'vi',
  vietnamese: 'vi',
  'tieng viet': 'vi',
  auto: 'auto',
  default: 'auto',
  'tu dong': 'auto',
};

/**
 * `/lang vi`, `/lang en`, `/lang auto`: the user's own choice, kept in the store per platform and user; `auto`
 * forgets it, so their app's locale (else the bot's default) decides again. Without an argument: which language and why.
 */
export async function handleLang({ args, store, user, language, defaultLanguage, t }: CommandContext): Promise<Reply> {
  const asked = foldText(args).trim();
  if (asked === '') {
    return reply({
      title: t('lang.title'),
      blocks: [
        { kind: 'paragraph', text: t('lang.current', { language: languageName(language.language, t) }) },
        { kind: 'context', text: t(`lang.why.${language.source}`) },
        { kind: 'context', text: t('lang.how') },
      ],
      ephemeral: true,
    });
  }
  const wanted = WORDS[asked] ?? WORDS[asked.split(/[-_]/)[0] ?? ''];
  if (wanted === undefined) {
    return reply({
      title: t('lang.unknownTitle'),
      blocks: [
        { kind: 'paragraph', text: t('lang.unknown', { asked: args.trim().slice(0, 40), languages: t.list(LANGUAGES.map((code) => languageName(code, t))) }) },
        { kind: 'list', items: [...LANGUAGES.map((code) => t('lang.choiceLine', { code, name: languageName(code, t) })), t('lang.choiceLine', { code: 'auto', name: t('lang.autoName') })] },
      ],
      ephemeral: true,
    });
  }
  await store.setLanguage(user.platform, user.id, wanted === 'auto' ? null : wanted);
  if (wanted === 'auto') {
    const now = chooseLanguage({ chosen: user.language ?? null, locale: user.locale ?? (await user.lookUpLocale?.()) ?? null, fallback: defaultLanguage });
    const next = translator(now.language);
    return reply({ language: now.language, title: next('lang.autoTitle'), blocks: [{ kind: 'paragraph', text: next('lang.auto', { language: languageName(now.language, next) }) }], ephemeral: true });
  }
  // Said in the language just chosen: the first answer in it.
  const next = translator(wanted);
  return reply({ language: wanted, title: next('lang.setTitle'), blocks: [{ kind: 'paragraph', text: next('lang.set', { language: languageName(wanted, next) }) }], ephemeral: true });
}
