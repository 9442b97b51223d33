/**
 * The one way the web app talks to the API: same origin, the session cookie, and the CSRF token in
 * X-CSRF-Token on every change. A 401 anywhere (but at sign-in) tells the app the session is gone.
 */
import type { EndpointContract, Endpoints, ErrorBody, FieldError, Route, Static, TSchema } from '#contracts';

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

/** Routes of a method, as the contracts spell them (`/api/candidates/{id}`). */
export type RouteOf<M extends string> = { [K in Route]: K extends `${M} ${infer P}` ? P : never }[Route];

/** What a route answers, from its contract in libs/contracts. */
export type ResponseOf<K extends Route> = Endpoints[K] extends { kind: 'json'; schema: infer S } ? (S extends TSchema ? Static<S> : never) : undefined;

/** The `{name}` parameters of a route. */
export type PathParams<P extends string> = P extends `${string}{${infer N}}${infer R}` ? { [K in N]: string } & PathParams<R> : unknown;

/** A route with parameters needs them; one without takes none. */
type PathArg<P extends string> = keyof PathParams<P> extends never ? { path?: undefined } : { path: PathParams<P> };
type Args<P extends string, Extra> = keyof PathParams<P> extends never ? [options?: Extra & PathArg<P>] : [options: Extra & PathArg<P>];

/** Puts the parameters into a route: `/api/candidates/{id}` → `/api/candidates/3f…`. */
export function fillRoute(route: string, params: Record<string, string> | undefined): string {
  return route.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing route parameter ${name} for ${route}`);
    return encodeURIComponent(value);
  });
}

type Read = { query?: Query; signal?: AbortSignal };

/**
 * The API, typed by its contracts: the route is one the API declares, its parameters are named, and the answer
 * has the route's response type. `api.get('/api/units/{id}', { path: { id } })`.
 */
export const api = {
  get: <P extends RouteOf<'GET'>>(route: P, ...[options]: Args<P, Read>) =>
    request<ResponseOf<`GET ${P}` & Route>>('GET', fillRoute(route, options?.path as Record<string, string>), { query: options?.query, signal: options?.signal }),
  post: <P extends RouteOf<'POST'>>(route: P, json?: unknown, ...[options]: Args<P, object>) =>
    request<ResponseOf<`POST ${P}` & Route>>('POST', fillRoute(route, options?.path as Record<string, string>), { json: json ?? {} }),
  patch: <P extends RouteOf<'PATCH'>>(route: P, json: unknown, ...[options]: Args<P, object>) =>
    request<ResponseOf<`PATCH ${P}` & Route>>('PATCH', fillRoute(route, options?.path as Record<string, string>), { json }),
  upload: <P extends RouteOf<'POST'>>(route: P, form: FormData, ...[options]: Args<P, { query?: Query }>) =>
    request<ResponseOf<`POST ${P}` & Route>>('POST', fillRoute(route, options?.path as Record<string, string>), { form, query: options?.query }),
};


export type { EndpointContract };

/** How far a transfer has got: bytes so far and, when the server says, in all. */
export interface Progress {
  loaded: number;
  total: number | null;
}

/** The file name in a Content-Disposition header (RFC 6266/8187), if any. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1]!.trim() : null;
}

async function refusal(response: Response): Promise<ApiError> {
  let body: ErrorBody | undefined;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  if (response.status === 401) unauthorizedListener?.();
  return new ApiError(response.status, body);
}

/**
 * Downloads a file the API produces (exports, PDFs) with progress, and hands it to the browser as a download.
 * Used where a plain link would leave the person without feedback while the server works.
 */
export async function downloadFile(path: string, options: { query?: Query; fallbackName: string; onProgress?(progress: Progress): void; signal?: AbortSignal }): Promise<{ fileName: string; bytes: number }> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), { credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, undefined);
  }
  if (!response.ok) throw await refusal(response);
  const length = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let loaded = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      options.onProgress?.({ loaded, total });
    }
  } else {
    const buffer = new Uint8Array(await response.arrayBuffer());
    chunks.push(buffer);
    loaded = buffer.byteLength;
    options.onProgress?.({ loaded, total });
  }
  const fileName = fileNameOf(response.headers.get('Content-Disposition')) ?? options.fallbackName;
  const blob = new Blob(chunks, { type: response.headers.get('Content-Type') ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { fileName, bytes: loaded };
}

/** A multipart upload with upload progress (fetch cannot report it), the session cookie and the CSRF token. */
export function uploadWithProgress<T>(path: string, form: FormData, onProgress?: (progress: Progress) => void): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (event) => onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : null });
    xhr.onerror = () => reject(new ApiError(0, undefined));
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ status: xhr.status, body: parsed as T });
        return;
      }
      if (xhr.status === 401) unauthorizedListener?.();
      reject(new ApiError(xhr.status, parsed as ErrorBody | undefined));
    };
    xhr.send(form);
  });
}
