/**
 * The programme's vocabulary in the reader's language, straight from libs/domain and libs/workflow:
 * the same labels the API and its documents use, never copied here.
 */
import { useTranslation } from 'react-i18next';
import { DISCOVERY_CHANNELS, FIELDS, ROLES, SECTORS, STAGES, SUBJECT_KINDS, UNIT_LEVELS, type Labelled } from '#domain';
import { CANDIDATE_EVENTS, CANDIDATE_STATES, REVIEW_ITEM_STATUSES, REVIEW_SESSION_STATUSES } from '#workflow';

export const VOCABULARY = {
  kind: SUBJECT_KINDS,
  field: FIELDS,
  channel: DISCOVERY_CHANNELS,
  role: ROLES,
  sector: SECTORS,
  level: UNIT_LEVELS,
  stage: STAGES,
  state: CANDIDATE_STATES,
  event: CANDIDATE_EVENTS,
  sessionStatus: REVIEW_SESSION_STATUSES,
  reviewItemStatus: REVIEW_ITEM_STATUSES,
} as const satisfies Record<string, readonly Labelled[]>;

export type Vocabulary = keyof typeof VOCABULARY;

export function labelIn(list: readonly Labelled[], code: string | null | undefined, language: string): string {
  if (!code) return '';
  const item = list.find((x) => x.code === code);
  if (!item) return code;
  return language === 'en' ? item.en : item.vi;
}

/** `label('state', 'nurturing')` → "Đang bồi dưỡng"; `options('field')` → Select options. */
export function useLabels() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const label = (vocabulary: Vocabulary, code: string | null | undefined) => labelIn(VOCABULARY[vocabulary], code, language);
  const options = (vocabulary: Vocabulary) =>
    (VOCABULARY[vocabulary] as readonly Labelled[]).map((item) => ({ value: item.code, label: language === 'en' ? item.en : item.vi }));
  const words = (item: { vi: string; en: string } | null | undefined) => (item ? (language === 'en' ? item.en : item.vi) : '');
  return { language, label, options, words };
}
