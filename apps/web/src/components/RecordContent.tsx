/**
 * A record's content as a person reads it: every field by its name in the shared vocabulary (libs/domain), codes
 * in words, ids as the names of what they point to (with a link where the app has a page), dates in Vietnamese
 * format and Vietnam's time. Ids that name nothing a person knows (rows of other tables) are left out: the
 * auditors' raw record keeps them.
 */
import type { ReactNode } from 'react';
import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  DISCOVERY_CHANNELS,
  FIELDS,
  HONOURING_FORMS,
  MOVEMENT_STATUSES,
  RECORD_CODE_LABELS,
  RECORD_REF_KINDS,
  REVIEW_KINDS,
  ROLES,
  SECTORS,
  SUBJECT_KINDS,
  UNIT_LEVELS,
  fieldWords,
  type Labelled,
} from '#domain';
import { CANDIDATE_EVENTS, CANDIDATE_STATES, HOLD_KINDS, REVIEW_SESSION_STATUSES } from '#workflow';
import type { AuditNames, EarlierRecognition, PeopleNames, Verdict } from '#contracts';
import { ROUTES } from '../app/routes';
import { useFormat } from '../lib/format';

/** Lists a code under a key is looked up in first. */
const BY_KEY: Record<string, readonly Labelled[]> = {
  field: FIELDS,
  fields: FIELDS,
  discoveryChannel: DISCOVERY_CHANNELS,
  role: ROLES,
  sector: SECTORS,
  level: UNIT_LEVELS,
  holdKind: HOLD_KINDS,
  form: HONOURING_FORMS,
  ...RECORD_CODE_LABELS,
};
/** Every list, for a code under a key no list is tied to. */
const ALL_LISTS: readonly (readonly Labelled[])[] = [SUBJECT_KINDS, FIELDS, DISCOVERY_CHANNELS, ROLES, SECTORS, UNIT_LEVELS, HOLD_KINDS, HONOURING_FORMS, REVIEW_KINDS, MOVEMENT_STATUSES, CANDIDATE_STATES, CANDIDATE_EVENTS, REVIEW_SESSION_STATUSES, ...Object.values(RECORD_CODE_LABELS)];
const CODE = /^[A-Z][A-Z0-9_]*$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const MAX_DEPTH = 3;
/** Numbers that are names rather than quantities: no thousands separator (2026, not 2.026). */
const PLAIN_NUMBERS = new Set(['year', 'yearFrom', 'yearTo', 'version', 'planRevision', 'candidateVersion', 'profileVersion', 'seq']);

/** Keys that hold ids of rows a person never meets by name (the raw record keeps them). */
const isBareId = (key: string) => !(key in RECORD_REF_KINDS) && (/(Id|Ids)$/.test(key) || key === 'id');
const HIDDEN = new Set(['contentType', 'newSubject']);

function linkTo(kind: string, id: string): string | null {
  if (kind === 'candidate') return ROUTES.candidate(id);
  if (kind === 'session') return ROUTES.session(id);
  return null;
}

export function useRecordWords() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const words = (w: { vi: string; en: string } | null | undefined) => (w ? (en ? w.en : w.vi) : '');
  const fieldLabel = (key: string) => words(fieldWords(key)) || t(`history.fields.${key}`, { defaultValue: key });
  const hasWords = (key: string) => fieldWords(key) !== null || i18n.exists(`history.fields.${key}`);
  const codeLabel = (key: string, code: string, context: Record<string, unknown> = {}) => {
    const list = key === 'kind' ? ('holdId' in context ? HOLD_KINDS : 'reviewId' in context ? REVIEW_KINDS : SUBJECT_KINDS) : BY_KEY[key];
    const item = list?.find((x) => x.code === code) ?? ALL_LISTS.map((l) => l.find((x) => x.code === code)).find(Boolean);
    return item ? words(item) : code;
  };
  return { en, words, fieldLabel, codeLabel, hasWords };
}

interface Props {
  payload: Record<string, unknown>;
  names: AuditNames | undefined;
  /** Keys to leave out (shown elsewhere on the page). */
  omit?: ReadonlySet<string>;
  order?: readonly string[];
  bordered?: boolean;
}

export function RecordContent({ payload, names, omit, order = [], bordered }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { words, fieldLabel, codeLabel, hasWords } = useRecordWords();

  const refName = (kind: string, id: string): ReactNode => {
    const ref = names?.refs[`${kind}:${id.toLowerCase()}`];
    if (!ref) return <Typography.Text type="secondary">{t('record.unknownRef')}</Typography.Text>;
    const to = linkTo(kind, ref.id);
    // The field's label already says what kind of thing it is: the value is its name.
    const text = ref.name;
    return to ? <Link to={to}>{text}</Link> : <span>{text}</span>;
  };

  const value = (key: string, v: unknown, context: Record<string, unknown>, depth: number): ReactNode => {
    const kind = RECORD_REF_KINDS[key];
    if (kind) {
      const ids = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
      if (ids.length === 0) return typeof v === 'boolean' ? (v ? t('common.yes') : t('common.no')) : '—';
      if (ids.length === 1) return refName(kind, ids[0]!);
      return (
        <ul className="plain-list">
          {ids.map((id) => (
            <li key={id}>{refName(kind, id)}</li>
          ))}
        </ul>
      );
    }
    if (key === 'verdict' && v && typeof v === 'object') {
      const verdict = v as Verdict;
      if ('ruleSet' in verdict) {
        const { tally, ruleSet } = verdict;
        const name = names?.refs[`ruleSet:${ruleSet.code}`]?.name ?? t('record.unknownRef');
        return t('history.ruleSetVerdictValue', { inFavour: tally.inFavour, against: tally.against, abstain: tally.abstain, members: tally.members, code: name, version: ruleSet.version });
      }
      const { tally, rules } = verdict;
      return t('history.verdictValue', { inFavour: tally.inFavour, against: tally.against, abstain: tally.abstain, participants: tally.participants, eligible: tally.eligible, percent: rules.recognitionPercent });
    }
    if (key === 'ruleSet' && v && typeof v === 'object' && typeof (v as { code?: unknown }).code === 'string') {
      const set = v as { code: string; version?: number };
      const name = names?.refs[`ruleSet:${set.code}`]?.name ?? t('record.unknownRef');
      return set.version ? t('record.versioned', { name, version: set.version }) : name;
    }
    if (key === 'criterionCode' && typeof v === 'string') return names?.refs[`criterion:${v}`]?.name ?? t('record.unknownRef');
    if (key === 'criteriaSets' && Array.isArray(v)) {
      return (
        <ul className="plain-list">
          {(v as { code: string; version?: number }[]).map((set) => {
            const name = names?.refs[`criteriaSet:${set.code}`]?.name ?? t('record.unknownRef');
            return <li key={set.code}>{set.version ? t('record.versioned', { name, version: set.version }) : name}</li>;
          })}
        </ul>
      );
    }
    if (key === 'earlierRecognitions' && Array.isArray(v)) {
      return (
        <ul className="plain-list">
          {(v as EarlierRecognition[]).map((e) => (
            <li key={e.candidateId}>
              {e.name} ({e.year}){e.decision ? `: ${t('repeat.decision', { number: e.decision.number, date: format.date(e.decision.issuedOn) })}` : ''}
            </li>
          ))}
        </ul>
      );
    }
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (typeof v === 'number') return key === 'sizeBytes' ? format.bytes(v) : PLAIN_NUMBERS.has(key) ? String(v) : format.number(v);
    if (typeof v === 'string') {
      if (key === 'sha256') return <Typography.Text code>{v}</Typography.Text>;
      if (CALENDAR_DATE.test(v)) return format.date(v);
      if (INSTANT.test(v)) return format.dateTime(v);
      if (CODE.test(v) && v.length > 1) return codeLabel(key, v, context);
      return <span className="pre-wrap">{v}</span>;
    }
    if (depth >= MAX_DEPTH) return <Typography.Text type="secondary">{t('record.tooDeep')}</Typography.Text>;
    if (Array.isArray(v)) {
      if (v.length === 0) return t('record.none');
      return (
        <ul className="plain-list">
          {v.map((item, i) => (
            <li key={i}>{value(key, item, context, depth + 1)}</li>
          ))}
        </ul>
      );
    }
    const object = v as Record<string, unknown>;
    // A fraction (a quorum): "2/3".
    if (typeof object.numerator === 'number' && typeof object.denominator === 'number' && Object.keys(object).length === 2) return `${object.numerator}/${object.denominator}`;
    return <Fields payload={object} depth={depth + 1} />;
  };

  function Fields({ payload: p, depth }: { payload: Record<string, unknown>; depth: number }) {
    // A data code beside its name (an authority's, a criteria set's) is shown by the name.
    const hideCode = (k: string) => k === 'code' && typeof p.name === 'string';
    const all = Object.keys(p).filter((k) => !omit?.has(k) && !HIDDEN.has(k) && !isBareId(k) && !hideCode(k));
    // Parts of a record the vocabulary has no words for (settings' inner structure) stay in the raw record.
    const unnamed = all.filter((k) => !hasWords(k));
    const keys = all
      .filter((k) => hasWords(k))
      .filter((k) => p[k] !== undefined && p[k] !== null && p[k] !== '' && !(Array.isArray(p[k]) && (p[k] as unknown[]).length === 0))
      .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
    if (keys.length === 0 && unnamed.length === 0) return null;
    return (
      <>
        {keys.length > 0 && (
          <Descriptions
            size="small"
            column={1}
            bordered={bordered && depth === 0}
            className="history-payload"
            items={keys.map((key) => ({ key, label: fieldLabel(key), children: value(key, p[key], p, depth) }))}
          />
        )}
        {unnamed.length > 0 && <Typography.Text type="secondary">{t('record.moreInRaw', { count: unnamed.length })}</Typography.Text>}
      </>
    );
  }

  void words;
  return <Fields payload={payload} depth={0} />;
}

/** Who did it: full name, then role and unit. */
/**
 * The name to print for a login a view names (who wrote, recorded, uploaded): the full name from the view's `people`,
 * the login itself only when the product knows no one by it.
 */
export function usePersonName() {
  const { words } = useRecordWords();
  return (people: PeopleNames | undefined, login: string | null | undefined) => (login ? words(people?.[login]?.name) || login : '');
}

/** Who did it, by full name with their role and unit beside it: from a record's `names`, or a view's `people`. */
export function ActorName({ actor, names, people }: { actor: string; names?: AuditNames | undefined; people?: PeopleNames | undefined }) {
  const { words } = useRecordWords();
  const person = (names?.people ?? people)?.[actor];
  if (!person) return <span>{actor}</span>;
  const title = words(person.title);
  return (
    <span className="actor-name">
      {words(person.name)}
      {title ? <Typography.Text type="secondary">{` (${title})`}</Typography.Text> : null}
    </span>
  );
}
