import { applyDecorators, HttpCode, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_CODES, ErrorCode, Operation } from '@vidnova/contracts';

/** One field-level failure in a problem body. */
export class ProblemFieldErrorDto {
  @ApiProperty({ example: 'organization.country' }) field!: string;
  @ApiProperty({ example: 'country must be an ISO 3166-1 alpha-2 code such as DE' }) message!: string;
}

/** RFC 9457 problem details, as every error of the API is answered (`application/problem+json`). */
export class ProblemDto {
  @ApiProperty({ example: 'https://vidnova.org/problems/validation-failed' }) type!: string;
  @ApiProperty({ example: 'Validation failed' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'The request failed validation' }) detail!: string;
  @ApiProperty({ enum: Object.keys(ERROR_CODES), example: 'validation_failed' }) code!: ErrorCode;
  @ApiPropertyOptional({ example: '/api/v1/diaspora/organizations' }) instance?: string;
  @ApiPropertyOptional({ example: '0c7d7c1e-5f0a-4b8e-9a43-8f3f8f2b1c55' }) correlationId?: string;
  @ApiPropertyOptional({ type: [ProblemFieldErrorDto] }) errors?: ProblemFieldErrorDto[];
}

/** What each status means on this API, for the response description and the example body. */
const PROBLEMS: Record<number, { code: ErrorCode; description: string; detail: string }> = {
  400: { code: 'validation_failed', description: 'The request is malformed or fails validation; `errors` names each field', detail: 'The request failed validation' },
  401: { code: 'unauthenticated', description: 'No API key, or an unknown or revoked one', detail: 'An API key is required in the X-API-Key header' },
  403: { code: 'forbidden', description: "The key's role may not do this", detail: 'This key may not perform this operation' },
  404: { code: 'not_found', description: 'No such record', detail: 'The record was not found' },
  409: { code: 'conflict', description: 'Conflicts with the current state of the record (a duplicate, or a transition not allowed from its status)', detail: 'The request conflicts with the current state' },
  413: { code: 'payload_too_large', description: 'The body is larger than this route accepts', detail: 'The request body is larger than this endpoint accepts' },
  415: { code: 'unsupported_media_type', description: 'The body is not of a content type this route accepts', detail: 'This route takes text/csv' },
  422: { code: 'unprocessable', description: 'Well-formed, but refers to things that do not exist or break a domain rule', detail: 'The request cannot be processed' },
  429: { code: 'rate_limited', description: 'Too many requests; wait for `Retry-After` seconds', detail: 'Too many requests' },
  503: { code: 'service_unavailable', description: 'The service behind this route is not available; retry later', detail: 'No service is answering' },
  504: { code: 'service_timeout', description: 'The service behind this route did not answer in time', detail: 'The service did not answer in time' },
};

export const DOCUMENTED_PROBLEM_STATUSES = Object.keys(PROBLEMS).map(Number);

/** The OpenAPI response of one problem status, with the problem schema and an example. */
export function problemResponse(status: number): { description: string; content: Record<string, unknown> } {
  const p = PROBLEMS[status];
  if (!p) throw new Error(`no problem description for status ${status}`);
  return {
    description: p.description,
    content: {
      'application/problem+json': {
        schema: { $ref: getSchemaPath(ProblemDto) },
        example: {
          type: `https://vidnova.org/problems/${p.code.replace(/_/g, '-')}`,
          title: p.code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
          status,
          detail: p.detail,
          code: p.code,
        },
      },
    },
  };
}

/** Documents the route-specific problem answers (400, 404, 409, 413, 415, 422…). */
export function ApiProblems(...statuses: Array<keyof typeof PROBLEMS>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) } as never)),
  );
}

/** A page response: `{ items: [dto], nextCursor }`. */
export function ApiPage(dto: Type<unknown>, description = 'One page; pass `nextCursor` as `cursor` for the next'): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(dto),
    ApiResponse({
      status: 200,
      description,
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(dto) } },
          nextCursor: { type: 'string', nullable: true, description: 'null on the last page' },
        },
      },
    }),
  );
}

/**
 * The success response of a route, derived from its bus operation's reply: a record, a page, a list,
 * text in another format, or 204 with no body. `status` sets the HTTP code (201 for a create).
 */
export function ApiReply<Req, Res>(
  operation: Operation<Req, Res>,
  opts: { status?: 200 | 201 | 202 | 204; description?: string; /** For a text reply (CSV…): a sample document. */ example?: string } = {},
): MethodDecorator {
  const reply = operation.reply;
  const description = opts.description ?? 'Success';
  switch (reply.kind) {
    case 'one':
      return applyDecorators(HttpCode(opts.status ?? 200), ApiResponse({ status: opts.status ?? 200, description, type: reply.type as Type<unknown> }));
    case 'list':
      return applyDecorators(HttpCode(opts.status ?? 200), ApiResponse({ status: opts.status ?? 200, description, type: reply.type as Type<unknown>, isArray: true }));
    case 'page':
      return applyDecorators(HttpCode(200), ApiPage(reply.type as Type<unknown>, opts.description));
    case 'none':
      return applyDecorators(HttpCode(204), ApiResponse({ status: 204, description: opts.description ?? 'Done; no content' }));
    case 'text':
    case 'textPages':
      return applyDecorators(
        HttpCode(opts.status ?? 200),
        ApiResponse({
          status: opts.status ?? 200,
          description,
          content: { [reply.mediaType]: { schema: { type: 'string' }, ...(opts.example ? { example: opts.example } : {}) } },
        }),
      );
  }
}
