import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';
import { createLibrary, type Library } from '../../src/core/library.js';
import { prepareLibrary } from '../../src/core/prepare-library.js';
import { modelOf, workshopEvent } from '../support/sample-model.js';

const sites = fileURLToPath(new URL('../content/fixtures/sites/', import.meta.url));

/** A view as plain values: what answering from it reads. */
const plain = (view: Library) => ({
  events: view.events.map((event) => ({ ...event, authorOf: [...event.authorOf] })),
  speakers: view.speakers.map((entry) => [entry.speaker, entry.event.id, entry.event.name]),
  talks: view.talks.map((entry) => [entry.speaker, entry.names, entry.talk, entry.event.name]),
  tips: view.tips.map((tip) => [tip.id, tip.text, tip.event.name, tip.author]),
  rotationKey: view.rotationKey,
});

describe("the views of a library's languages", () => {
  it('share the events that read alike in both languages, and not those whose twins differ', () => {
    const english = workshopEvent();
    const vietnamese = workshopEvent({ id: `${english.key}.vi`, source: '4-events/4.3-event3/_index.vi.md', lang: 'vi', name: 'Hội thảo Trụ cột Bảo mật', lessons: ['Bảo mật phải bắt đầu từ kiến trúc'] });
    const other = workshopEvent({ id: '4-events/4.5-event5', key: '4-events/4.5-event5', source: '4-events/4.5-event5/_index.md', name: 'Serverless Day', date: '2025-06-01', speakers: [{ name: 'Le Van Binh', role: 'Developer', org: null }] });
    const library = prepareLibrary(createLibrary(modelOf(english, vietnamese, other), defaultTaxonomy));
    const vi = library.inLanguage('vi');
    const at = (view: Library, name: string) => view.events.findIndex((event) => event.speakers.some((speaker) => speaker.name === name));
    const serverless = at(library, 'Le Van Binh');
    const workshop = at(library, 'Tran Duc Anh');
    expect(vi.events[serverless]).toBe(library.events[serverless]);
    expect(vi.events[workshop]).not.toBe(library.events[workshop]);
    expect(vi.events[workshop]?.lessons).toEqual(['Bảo mật phải bắt đầu từ kiến trúc']);
    expect(library.events[workshop]?.lessons).toEqual(english.lessons);
  });

  it('answer the same through a library whose every view was built, in any order', async () => {
    const model = await loadContent(sites);
    const prepared = prepareLibrary(createLibrary(model, defaultTaxonomy));
    const viewed = createLibrary(model, defaultTaxonomy);
    const vi = viewed.inLanguage('vi');
    expect(plain(vi)).toEqual(plain(prepared.inLanguage('vi')));
    expect(plain(viewed)).toEqual(plain(prepared));
  });

  it("finds each view's own events: speakers, events and search hits name the event as the view has it", () => {
    const english = workshopEvent();
    const vietnamese = workshopEvent({ id: `${english.key}.vi`, source: '4-events/4.3-event3/_index.vi.md', lang: 'vi', name: 'Hội thảo Trụ cột Bảo mật' });
    const library = prepareLibrary(createLibrary(modelOf(english, vietnamese), defaultTaxonomy));
    for (const lang of ['en', 'vi']) {
      const view = library.inLanguage(lang);
      const speaker = view.speakers[0]?.speaker.name ?? '';
      expect(view.findSpeakers(speaker).matches.every((match) => view.events.includes(match.event))).toBe(true);
      expect(view.findEvents(view.events[0]?.name ?? '').every((event) => view.events.includes(event))).toBe(true);
      expect(view.search('security').every((hit) => view.events.includes(hit.event))).toBe(true);
    }
    expect(library.inLanguage('vi').events[0]?.name).toBe('Hội thảo Trụ cột Bảo mật');
    expect(library.events[0]?.name).not.toBe('Hội thảo Trụ cột Bảo mật');
  });

  it('is one view when every event reads alike: the same events, speakers, talks, tips and rotation', () => {
    const library = prepareLibrary(createLibrary(modelOf(workshopEvent()), defaultTaxonomy));
    const vi = library.inLanguage('vi');
    expect(vi.events).toBe(library.events);
    expect(vi.speakers).toBe(library.speakers);
    expect(vi.tips).toBe(library.tips);
    expect(vi.rotationKey).toBe(library.rotationKey);
    expect(vi.lang).toBe('vi');
  });
});
