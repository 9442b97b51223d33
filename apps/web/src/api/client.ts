/**
 * The one way the web app talks to the API: same origin, the session cookie, and the CSRF token in
 * X-CSRF-Token on every change. A 401 anywhere (but at sign-in) tells the app the session is gone.
 */
import type { ErrorBody, FieldError } from './types';

export const CSRF_COOKIE = 'dth_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

let csrfToken: string | null = null;
let unauthorizedListener: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The token kept from sign-in, or (after a page reload) the one in the readable `dth_csrf` cookie. */
export function currentCsrfToken(): string | null {
  if (csrfToken) return csrfToken;
  const cookie = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(CSRF_COOKIE.length + 1)) : null;
}

export function onUnauthorized(listener: (() => void) | null): void {
  unauthorizedListener = listener;
}

/** A refusal from the API, with its Vietnamese and English words and the fields it names. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly correlationId: string | undefined;
  readonly fieldErrors: FieldError[];
  readonly body: ErrorBody | undefined;

  constructor(status: number, body: ErrorBody | undefined) {
    super(body?.messageEn ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? (status === 0 ? 'NETWORK' : 'UNKNOWN');
    this.messageVi = body?.message ?? '';
    this.messageEn = body?.messageEn ?? '';
    this.correlationId = body?.correlationId;
    this.body = body;
    // Validation lists each field; other refusals may name the one field they are about.
    this.fieldErrors = body?.errors ?? (body?.field ? [{ field: body.field, message: body.message, messageEn: body.messageEn }] : []);
  }

  /** The server's words in the reader's language ('' when the server sent none, e.g. the network failed). */
  words(language: string): string {
    return language === 'en' ? this.messageEn || this.messageVi : this.messageVi || this.messageEn;
  }
}

type Query = Record<string, string | number | undefined | null>;

interface RequestOptions {
  query?: Query;
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const token = currentCsrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, undefined);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/auth/sign-in') unauthorizedListener?.();
    throw new ApiError(response.status, parsed as ErrorBody | undefined);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, json?: unknown) => request<T>('POST', path, { json: json ?? {} }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  upload: <T>(path: string, form: FormData, query?: Query) => request<T>('POST', path, { form, query }),
};
