/**
 * The field server (issue 5): the desk's procedures to turn it on and off and to hand out team
 * tokens, and — in a separate table — the few calls a phone with a team token may make.
 */
import { z } from 'zod';
import { id, isoTimestamp } from './common';
import { bilingual } from './validation';

/** The port the field server uses unless the office picks another. */
export const DEFAULT_FIELD_PORT = 8787;

export const fieldStatusSchema = z.object({
  running: z.boolean(),
  /** The port set in the app (used when it is turned on). */
  port: z.int(),
  /** The port it actually listens on while running. */
  listeningPort: z.int().nullable(),
  /** http://<LAN address>:<port>/ for each network interface, best first. */
  urls: z.array(z.string()),
  startedAt: isoTimestamp.nullable(),
  requests: z.int(),
  lastRequestAt: isoTimestamp.nullable(),
});
export type FieldStatus = z.infer<typeof fieldStatusSchema>;

export const fieldTokenSchema = z.object({
  id,
  teamId: id,
  teamName: z.string(),
  /** The token's last four characters, so the office can tell phones apart. */
  hint: z.string(),
  label: z.string(),
  createdAt: isoTimestamp,
  lastUsedAt: isoTimestamp.nullable(),
  revokedAt: isoTimestamp.nullable(),
});
export type FieldToken = z.infer<typeof fieldTokenSchema>;

export const issuedTokenSchema = z.object({
  token: fieldTokenSchema,
  /** The secret itself: shown once (only its hash is stored). */
  secret: z.string(),
  /** Best first. `county`: the county server's phone page (this desk is enrolled); `lan`: this PC's field server. */
  links: z.array(z.object({ kind: z.enum(['county', 'lan']), url: z.string(), address: z.string(), qrSvg: z.string() })),
});
export type IssuedToken = z.infer<typeof issuedTokenSchema>;

const portSchema = (min: number) =>
  z.int({ error: bilingual('端口应为整数', 'port must be a whole number') })
    .min(min, { error: bilingual(`端口应在 ${min} 到 65535 之间`, `port must be within ${min}..65535`) })
    .max(65535, { error: bilingual(`端口应在 ${min} 到 65535 之间`, `port must be within ${min}..65535`) });

const label = z.string().trim().max(30, { error: bilingual('说明不超过 30 个字', 'label is at most 30 characters') });

export const fieldProcedures = {
  'field.status': { input: z.strictObject({}), output: fieldStatusSchema },
  /** Listen on the LAN (0.0.0.0). `port` overrides the saved one for this run (0: any free port). */
  'field.start': { input: z.strictObject({ port: portSchema(0).optional() }), output: fieldStatusSchema },
  'field.stop': { input: z.strictObject({}), output: fieldStatusSchema },
  /** Save the port (restarts the server on it when running). */
  'field.setPort': { input: z.strictObject({ port: portSchema(1024) }), output: fieldStatusSchema },
  /** A new token for one phone of a team, with the link and its QR code. */
  'field.issueToken': { input: z.strictObject({ teamId: id, label: label.default('') }), output: issuedTokenSchema },
  'field.tokens': { input: z.strictObject({ teamId: id.optional(), includeRevoked: z.boolean().optional() }), output: z.array(fieldTokenSchema) },
  'field.revokeToken': { input: z.strictObject({ tokenId: id }), output: fieldTokenSchema },
  /** Revoke a token and issue its replacement (same team and label). */
  'field.renewToken': { input: z.strictObject({ tokenId: id }), output: issuedTokenSchema },
};

// The phone's own table lives in ./phone (only the field server answers it).
export * from './phone';
