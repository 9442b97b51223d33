/**
 * Every word on screen comes from the translation files (locales/vi.json, locales/en.json) or, for the
 * programme's vocabulary, from libs/domain and libs/workflow labels. Vietnamese is the default.
 *
 * The first screen carries only the Vietnamese words it shows (the sections vite.config.ts lists); the rest of
 * vi.json comes with the first other screen (loadAllWords, awaited by App.tsx's lazy screens), and English is a
 * chunk of its own, fetched when someone picks it (or picked it before). See docs/performance.md.
 */
import i18n, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import firstWords from 'virtual:dth-words/first';

export type Language = 'vi' | 'en';
export const LANGUAGES: Language[] = ['vi', 'en'];
const STORAGE_KEY = 'dth.language';

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    // storage unavailable: Vietnamese
  }
  return 'vi';
}

/** The dictionaries not bundled: fetched by i18next when a language is chosen (changeLanguage waits for them). */
const lazyDictionaries: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (language !== 'en') return callback(null, {});
    import('./locales/en.json').then(
      (m) => callback(null, m.default as ResourceKey),
      (error: Error) => callback(error, null),
    );
  },
};

/** Settled once the chosen language's dictionary is in (main.tsx renders after it: no Vietnamese flash for English). */
export const i18nReady = i18n.use(lazyDictionaries).use(initReactI18next).init({
  resources: { vi: { translation: firstWords } },
  // The bundled Vietnamese is used as it is; other languages come from the backend above.
  partialBundledLanguages: true,
  lng: initialLanguage(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});

let allWords: Promise<void> | undefined;
/** The rest of the Vietnamese dictionary, added once (the other screens wait for it before they show). */
export function loadAllWords(): Promise<void> {
  allWords ??= import('virtual:dth-words/rest').then(
    (m) => {
      i18n.addResourceBundle('vi', 'translation', m.default, true, false);
    },
    (error: unknown) => {
      allWords = undefined; // tried again by the next screen
      throw error;
    },
  );
  return allWords;
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered
  }
});
document.documentElement.lang = i18n.language;

export default i18n;
