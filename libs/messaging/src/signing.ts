import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Requests on the bus are signed by whoever sends them (the gateway, a service asking another) with the
 * platform's shared BUS_SIGNING_SECRET, and every service checks the signature before it handles a
 * message. The signature covers the wire subject, the correlation id, the principal header exactly as
 * sent, the payload and a timestamp: a message published straight to NATS by anyone without the secret,
 * or one whose principal was changed on the way, is refused; a captured message is refused once it is
 * older than the window.
 */
export const SIGNATURE_WINDOW_MS = 60_000;

export interface SignedParts {
  subject: string;
  correlationId: string;
  /** The principal header value as sent ('' when there is none). */
  principal: string;
  /** JSON of the payload (`data` of the packet). */
  body: string;
}

const digest = (secret: string, t: number, p: SignedParts) =>
  createHmac('sha256', secret)
    .update(`${t}\n${p.subject}\n${p.correlationId}\n${p.principal}\n`)
    .update(createHash('sha256').update(p.body).digest())
    .digest('hex');

/** The signature header value: `t=<ms>,v1=<hex>`. */
export function signRequest(secret: string, parts: SignedParts, now = Date.now()): string {
  return `t=${now},v1=${digest(secret, now, parts)}`;
}

export type SignatureCheck = 'valid' | 'missing' | 'expired' | 'forged';

export function verifyRequest(secret: string, header: string | undefined, parts: SignedParts, now = Date.now()): SignatureCheck {
  if (!header) return 'missing';
  const m = /^t=(\d{10,16}),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return 'forged';
  const t = Number(m[1]);
  const expected = Buffer.from(digest(secret, t, parts), 'hex');
  const given = Buffer.from(m[2], 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'forged';
  if (Math.abs(now - t) > SIGNATURE_WINDOW_MS) return 'expired';
  return 'valid';
}
