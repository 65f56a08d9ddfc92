import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from '@vidnova/contracts';

/** Flattens class-validator errors into `{ field, message }` with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** Validation of every payload a service receives: unknown fields and bad values are a 400 envelope. */
export function contractValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) =>
      new DomainError('validation_failed', 'The message failed validation', undefined, flattenValidationErrors(errors)),
  });
}
