import { describe, expect, it } from 'vitest';
import { chooseLanguage, createTranslators, languageOfLocale, translator } from '../../src/core/i18n.js';
import { renderPlainText } from '../../src/core/render/plain-text.js';
import type { BotUser } from '../../src/core/bot-api.js';
import { modelOf, workshopEvent } from '../support/sample-model.js';
import { consoleUser, createTestBot } from '../support/test-bot.js';

const english = workshopEvent();
const vietnamese = workshopEvent({
  id: `${english.key}.vi`,
  source: '4-events/4.3-event3/_index.vi.md',
  lang: 'vi',
  name: 'Hội thảo Trụ cột Bảo mật AWS Well-Architected',
  highlights: [{ heading: 'Quản lý danh tính', pillar: 'iam', points: ['Dùng role thay vì user', 'Áp dụng quyền tối thiểu'] }],
  pillars: [{ id: 'iam', title: 'Quản lý danh tính', points: ['Dùng role thay vì user', 'Áp dụng quyền tối thiểu'], related: [] }],
  lessons: ['Bảo mật phải bắt đầu từ kiến trúc'],
  tips: [],
});
const twins = modelOf(english, vietnamese);
const text = async (bot: ReturnType<typeof createTestBot>['bot'], line: string, user: BotUser) => renderPlainText(await bot.routeText(line, user));

describe('which language a user gets', () => {
  it.each([
    ['vi', 'vi'],
    ['vi-VN', 'vi'],
    ['vi_VN.UTF-8', 'vi'],
    ['en-US', 'en'],
    ['en_GB.UTF-8', 'en'],
    ['fr', null],
    ['C', null],
    ['', null],
  ])('reads the locale %j as %j', (locale, expected) => {
    expect(languageOfLocale(locale)).toBe(expected);
  });

  it.each([
    [{ chosen: 'vi', locale: 'en-US', fallback: 'en' as const }, { language: 'vi', source: 'choice' }],
    [{ chosen: null, locale: 'vi-VN', fallback: 'en' as const }, { language: 'vi', source: 'locale' }],
    [{ chosen: null, locale: 'fr-FR', fallback: 'en' as const }, { language: 'en', source: 'default' }],
    [{ chosen: null, locale: null, fallback: 'vi' as const }, { language: 'vi', source: 'default' }],
  ])('chooses the stored choice, else the locale, else BOT_LANG: %j', (input, expected) => {
    expect(chooseLanguage(input)).toEqual(expected);
  });
});

describe('the message catalog', () => {
  it('shows English for a key a language lacks, and never a raw key', () => {
    const translate = createTranslators({ en: { page: { next: 'Next ▶', of: 'Page {{page}} of {{pages}}' } }, vi: { page: { next: 'Trang sau ▶' } } });
    expect(translate('vi')('page.next')).toBe('Trang sau ▶');
    expect(translate('vi')('page.of', { page: 1, pages: 2 })).toBe('Page 1 of 2');
    expect(translate('vi')('page.previous')).toBe('');
  });

  it('follows each language plural rules', () => {
    expect(translator('en')('count.event', { count: 1 })).toBe('1 event');
    expect(translator('en')('count.event', { count: 3 })).toBe('3 events');
    expect(translator('vi')('count.event', { count: 1 })).toBe('1 sự kiện');
    expect(translator('vi')('count.event', { count: 3 })).toBe('3 sự kiện');
  });
});

describe('answers in the asker language', () => {
  it('answers /pillars iam with Vietnamese labels, the Vietnamese pillar name and the Vietnamese twin', async () => {
    const { bot } = createTestBot(twins);
    const answer = await text(bot, '/pillars iam', { ...consoleUser, language: 'vi' });
    expect(answer).toContain('Trụ cột 1 — Quản lý danh tính và truy cập (IAM)');
    expect(answer).toContain('Dùng role thay vì user');
    expect(answer).not.toContain('Use roles instead of users');
    const inEnglish = await text(bot, '/pillars iam', consoleUser);
    expect(inEnglish).toContain('Pillar 1 — Identity & Access Management');
    expect(inEnglish).toContain('Use roles instead of users');
    expect(inEnglish).not.toContain('Dùng role');
  });

  it('names the event in the asker language and lists it once', async () => {
    const { bot } = createTestBot(twins);
    const answer = await text(bot, '/events', { ...consoleUser, language: 'vi' });
    expect(answer).toContain('Hội thảo Trụ cột Bảo mật');
    expect(answer).toContain('1 báo cáo');
    expect(answer).not.toContain('(Báo cáo');
  });

  it('says once, discreetly, that a report without a twin in the asker language is in another one', async () => {
    const { bot } = createTestBot(modelOf(workshopEvent()));
    const answer = await text(bot, '/events 1', { ...consoleUser, language: 'vi' });
    expect(answer.match(/chỉ có bằng tiếng Anh/g)).toHaveLength(1);
    expect(answer).toContain('Ngày: 2025-11-29');
  });

  it('still finds words of either language, whatever the asker language', async () => {
    const { bot } = createTestBot(twins);
    expect(await text(bot, '/search quyền tối thiểu', consoleUser)).toContain('Áp dụng quyền tối thiểu');
    expect(await text(bot, '/search least privilege', { ...consoleUser, language: 'vi' })).toContain('Apply least privilege');
  });
});

describe('/lang', () => {
  it('keeps a choice per user, answers in it from then on, and forgets it with auto', async () => {
    const { bot, store } = createTestBot(twins);
    const user: BotUser = { platform: 'discord', id: '42', locale: 'en-US' };
    expect(renderPlainText(await bot.run({ command: 'lang', args: 'vi', user }))).toContain('Từ giờ mình sẽ trả lời bạn bằng tiếng Việt.');
    expect(await store.getLanguage('discord', '42')).toBe('vi');
    expect(renderPlainText(await bot.run({ command: 'lessons', args: '', user }))).toContain('Bài học kinh nghiệm');
    expect(renderPlainText(await bot.run({ command: 'lang', args: '', user }))).toContain('Bạn đã chọn bằng lệnh /lang.');
    expect(renderPlainText(await bot.run({ command: 'lang', args: 'auto', user }))).toContain('English');
    expect(await store.getLanguage('discord', '42')).toBeNull();
    expect(renderPlainText(await bot.run({ command: 'lessons', args: '', user }))).toContain('Lessons learned');
  });

  it('answers an unknown language with the languages there are, and stores nothing', async () => {
    const { bot, store } = createTestBot(twins);
    const answer = renderPlainText(await bot.run({ command: 'lang', args: 'fr', user: consoleUser }));
    expect(answer).toContain('I don\'t speak "fr". I can answer in: English and Vietnamese.');
    expect(answer).toContain('vi — Vietnamese');
    expect(await store.getLanguage('console', consoleUser.id)).toBeNull();
  });

  it('falls back to English for a locale the bot lacks', async () => {
    const { bot } = createTestBot(twins);
    expect(await bot.languageOf({ platform: 'discord', id: '7', locale: 'fr' })).toBe('en');
    expect(await bot.languageOf({ platform: 'slack', id: 'U1', lookUpLocale: async () => 'vi-VN' })).toBe('vi');
  });
});
