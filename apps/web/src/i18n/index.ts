/**
 * Every word on screen comes from the translation files (locales/vi.json, locales/en.json) or, for the
 * programme's vocabulary, from libs/domain and libs/workflow labels. Vietnamese is the default.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import vi from './locales/vi.json';

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

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});

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
