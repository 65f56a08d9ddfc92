import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of a delivery: `v1=` + hex HMAC-SHA256 with the webhook's secret over
 * `<timestamp>.<body>` (timestamp = the X-Vidnova-Timestamp header, Unix seconds). A receiver
 * recomputes it over the raw body and refuses timestamps older than a few minutes (replays).
 */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verify(secret: string, timestamp: number, body: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
