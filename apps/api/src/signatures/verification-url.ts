import type { AppConfig } from '../config/app-config.js';

/** The public verification page (/cong-khai/xac-minh) of a document number, as printed in a certificate's QR code. */
export const VERIFICATION_PATH = '/cong-khai/xac-minh';

export function verificationUrl(config: Pick<AppConfig, 'PUBLIC_BASE_URL' | 'PORT'>, reference: string): string {
  const base = config.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? `http://localhost:${config.PORT}`;
  return `${base}${VERIFICATION_PATH}?so=${encodeURIComponent(reference)}`;
}
