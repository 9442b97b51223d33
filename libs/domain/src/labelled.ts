/** A coded term with its Vietnamese (primary) and English labels. */
export interface Labelled {
  readonly code: string;
  readonly vi: string;
  readonly en: string;
}

export type Language = 'vi' | 'en';

/** Finds the labels of a code in one of the catalogue lists; undefined when the code is unknown. */
export function labelOf<T extends Labelled>(list: readonly T[], code: string): T | undefined {
  return list.find((item) => item.code === code);
}

/** Just the words of a code, as the API shows them beside it; null when the code is unknown. */
export function labelsOf(list: readonly Labelled[], code: string): { vi: string; en: string } | null {
  const item = labelOf(list, code);
  return item ? { vi: item.vi, en: item.en } : null;
}
