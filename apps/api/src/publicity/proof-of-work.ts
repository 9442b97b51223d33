/**
 * The proof of work a public comment carries instead of an outside captcha: the page hands out a challenge naming
 * the notice and the time it was issued; the page's small script (public-assets.ts) finds a nonce such that
 * SHA-256(challenge ":" nonce) begins with `bits` zero bits, about 2^bits hashes (a second or so on a phone at 16
 * bits). The server checks it with one hash. A challenge is good for CHALLENGE_LIFETIME_MS after it was issued and
 * is used once (public_comment.challenge is unique), so the work cannot be done once and replayed; it needs no
 * secret and no stored state, because doing the work on a challenge one made up oneself is still the work.
 */
import { createHash, randomBytes } from 'node:crypto';

export const CHALLENGE_LIFETIME_MS = 2 * 60 * 60 * 1000;
/** A challenge dated in the future is refused beyond this clock difference. */
const CLOCK_SKEW_MS = 60 * 1000;

export function issueChallenge(noticeId: string, now: Date): string {
  return `v1.${noticeId}.${now.getTime()}.${randomBytes(12).toString('hex')}`;
}

/** How many zero bits SHA-256(challenge:nonce) begins with. */
export function leadingZeroBits(challenge: string, nonce: string): number {
  const digest = createHash('sha256').update(`${challenge}:${nonce}`).digest();
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    bits += Math.clz32(byte) - 24;
    break;
  }
  return bits;
}

export type ProofProblem = 'MALFORMED' | 'OTHER_NOTICE' | 'EXPIRED' | 'NOT_ENOUGH_WORK';

/** Why a proof is refused, or null when it is good for this notice now. */
export function proofProblem(challenge: string, nonce: string, noticeId: string, bits: number, now: Date): ProofProblem | null {
  const parts = /^v1\.([0-9a-f-]{36})\.(\d{1,15})\.([0-9a-f]{24})$/.exec(challenge);
  if (!parts || !/^[0-9a-z]{1,32}$/i.test(nonce)) return 'MALFORMED';
  if (parts[1] !== noticeId) return 'OTHER_NOTICE';
  const issued = Number(parts[2]);
  if (issued > now.getTime() + CLOCK_SKEW_MS || issued < now.getTime() - CHALLENGE_LIFETIME_MS) return 'EXPIRED';
  return leadingZeroBits(challenge, nonce) >= bits ? null : 'NOT_ENOUGH_WORK';
}

/** Does the work (tests, the bench): the first nonce that meets `bits`. */
export function solveChallenge(challenge: string, bits: number): string {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    if (leadingZeroBits(challenge, nonce) >= bits) return nonce;
  }
}
