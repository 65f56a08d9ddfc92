/**
 * A reply recorded earlier and sent again exactly as it was (an Idempotency-Key replay). Thrown from
 * an interceptor so that ProblemFilter sends it with its own status: Nest would otherwise re-apply the
 * route's default status to a returned value.
 */
export class StoredReply {
  constructor(
    readonly status: number,
    readonly contentType: string | undefined,
    /** JSON text, or undefined for an empty body (204). */
    readonly body: string | undefined,
    readonly headers: Record<string, string> = {},
  ) {}
}
