/**
 * The shape of an error table: each feature declares the codes it raises beside its code (`<feature>.errors.ts`),
 * with the HTTP status and the words, Vietnamese first. Codes are stable identifiers for programs; the words are
 * for people. `error-codes.ts` gathers the tables into the one the exception filter reads.
 */
export interface ErrorDefinition {
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 431 | 500 | 503;
  vi: string;
  en: string;
}

export type ErrorTable = Record<string, ErrorDefinition>;

/** Joins feature tables into one, refusing a code declared twice (a later table would silently win). */
export function gatherErrorTables<T extends readonly ErrorTable[]>(...tables: T): UnionToIntersection<T[number]> {
  const all: ErrorTable = {};
  for (const table of tables) {
    for (const [code, definition] of Object.entries(table)) {
      if (code in all) throw new Error(`Error code ${code} is declared twice`);
      all[code] = definition;
    }
  }
  return all as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
