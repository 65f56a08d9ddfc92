/**
 * An optional namespace for everything a Vidnova platform puts on NATS: request subjects, queue
 * groups, event subjects, the event stream and the upload bucket. Two platforms on one NATS server
 * (a test run beside `npm start`) then never answer each other's requests.
 * Set by `VIDNOVA_BUS_NAMESPACE` (lower-case letters, digits, `-`), read once, before any handler
 * class is loaded; empty in production.
 */
const NAMESPACE = /^[a-z0-9][a-z0-9-]{0,31}$/;
let cached: string | undefined;

export function busNamespace(): string {
  if (cached === undefined) {
    const value = process.env.VIDNOVA_BUS_NAMESPACE?.trim() ?? '';
    if (value && !NAMESPACE.test(value)) {
      throw new Error(`VIDNOVA_BUS_NAMESPACE "${value}" must be 1-32 lower-case letters, digits or '-'`);
    }
    cached = value;
  }
  return cached;
}

/** The subject as it is on the wire: `<namespace>.<subject>`, or the subject itself. */
export function busSubject(subject: string): string {
  const ns = busNamespace();
  return ns ? `${ns}.${subject}` : subject;
}

/** A stream, bucket or queue-group name: `<namespace>-<name>` (names may not contain dots). */
export function busName(name: string): string {
  const ns = busNamespace();
  return ns ? `${ns}-${name}` : name;
}
