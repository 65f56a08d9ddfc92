/**
 * The error envelope that crosses NATS. Services throw it (wrapped by the messaging lib);
 * the gateway turns it into RFC 9457 problem+json with the status below.
 */
export const ERROR_CODES = {
  validation_failed: 400,
  malformed_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  invalid_state: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  service_unavailable: 503,
  service_timeout: 504,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  /** JSON pointer-ish path of the failing field, e.g. `answers.2.optionIds` or `country`. */
  field: string;
  message: string;
}

export interface ErrorEnvelope {
  code: ErrorCode;
  status: number;
  message: string;
  /** Field-level failures for 400/422. */
  errors?: FieldError[];
  /** Extra machine-readable facts, e.g. `{ existingId }` on a duplicate. */
  details?: Record<string, unknown>;
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorEnvelope).code === 'string' &&
    (value as ErrorEnvelope).code in ERROR_CODES &&
    typeof (value as ErrorEnvelope).message === 'string'
  );
}

/** A domain error a service throws; the messaging layer serialises it into an ErrorEnvelope. */
export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
    this.status = ERROR_CODES[code];
  }

  toEnvelope(): ErrorEnvelope {
    return {
      code: this.code,
      status: this.status,
      message: this.message,
      ...(this.errors?.length ? { errors: this.errors } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError('not_found', `${what} ${id} was not found`, { id });
  }
}
