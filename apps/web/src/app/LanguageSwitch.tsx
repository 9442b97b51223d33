/** Vietnamese or English, on the sign-in page and in the frame's header (English is fetched when picked, i18n/index.ts). */
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented
      aria-label={t('language.choose')}
      size="small"
      value={i18n.language}
      options={LANGUAGES.map((l) => ({ value: l, label: <span lang={l} title={t(`language.${l}`)}>{l.toUpperCase()}</span> }))}
      onChange={(value) => void i18n.changeLanguage(String(value))}
    />
  );
}
