import { createHash, randomBytes, randomInt } from 'node:crypto';

/** SHA-256 hex: enough for 256-bit random keys and codes (they cannot be guessed, so need no slow hash). */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A new long-lived township key: 32 random bytes as hex. */
export function newSyncKey(): string {
  return randomBytes(32).toString('hex');
}

// No 0/O, 1/I: the code is read aloud over the phone and typed by hand.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time enrolment code, XXXX-XXXX-XXXX-XXXX (80 bits). */
export function newEnrolCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/** The stored hash of a code as the user may type it (case and spaces forgiven). */
export function codeHash(code: string): string {
  return sha256Hex(code.trim().toUpperCase());
}
