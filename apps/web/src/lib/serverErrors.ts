/**
 * Puts the server's field errors next to the fields of an Ant Design form, in the reader's language, and
 * returns what is left for the message above the form. `errors[].field` is a dotted path ("payload.goals");
 * `prefix` is stripped and `rename` maps API names to form names when they differ.
 */
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

export interface GeneralError {
  message: string;
  details: string[];
  correlationId?: string;
}

/** The words for any failure: the server's own (in the reader's language) or ours when it sent none. */
export function describeError(error: unknown, t: TFunction, language: string): GeneralError {
  if (!(error instanceof ApiError)) return { message: t('errors.unexpected'), details: [] };
  if (error.status === 0) return { message: t('errors.network'), details: [] };
  if (error.code === 'GUARD_REFUSED') {
    return {
      message: t('errors.guardRefused'),
      details: (error.body?.refusals ?? []).map((r) => (language === 'en' ? r.messageEn : r.message)),
    };
  }
  return {
    message: error.words(language) || t('errors.unexpected'),
    details: [],
    correlationId: error.status >= 500 ? error.correlationId : undefined,
  };
}

export function applyServerErrors(
  form: FormInstance | null,
  error: unknown,
  t: TFunction,
  language: string,
  options: {
    prefix?: string;
    rename?: Record<string, string>;
    known?: string[];
    /** Keep the whole path ("marks.0.comment" → ['marks', 0, 'comment']) for forms with lists of fields. */
    nested?: boolean;
  } = {},
): GeneralError {
  const general = describeError(error, t, language);
  if (!(error instanceof ApiError)) return general;
  const fields = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const fieldError of error.fieldErrors) {
    const words = language === 'en' ? fieldError.messageEn || fieldError.message : fieldError.message;
    let path = fieldError.field ?? '';
    if (options.prefix && path.startsWith(options.prefix)) path = path.slice(options.prefix.length);
    const [top, ...rest] = path.split('.');
    const formTop = options.rename?.[top!] ?? top!;
    const name = options.nested ? [formTop, ...rest.map((p) => (/^\d+$/.test(p) ? Number(p) : p))] : [formTop];
    const key = name.join('.');
    if (form && formTop && (!options.known || options.known.includes(formTop))) {
      const entry = fields.get(key) ?? { name, errors: [] };
      entry.errors.push(words);
      fields.set(key, entry);
    } else {
      general.details.push(words);
    }
  }
  if (form && fields.size > 0) {
    form.setFields([...fields.values()].map(({ name, errors }) => ({ name: name.length === 1 ? name[0]! : name, errors })));
    const first = [...fields.values()][0]!.name;
    form.scrollToField(first.length === 1 ? first[0]! : first, { block: 'center', focus: true });
    // The words are under the fields now; above the form, only where to look (unless something is left over).
    if (general.details.length === 0) general.message = t('errors.checkFields');
  }
  return general;
}
