import type { z } from 'zod';
import { type ApiErrorDetail, describeIssues } from '@baton/contracts';

/** A refusal from the API as ApiRequestError carries it: the code and every detail. */
interface ApiRefusal extends Error {
  code: string;
  details: ApiErrorDetail[];
}

// Told apart by shape rather than by class, so that this module stays free of the API client's build-time settings.
const isRefusal = (error: unknown): error is ApiRefusal =>
  error instanceof Error && typeof (error as ApiRefusal).code === 'string' && Array.isArray((error as ApiRefusal).details);

/** What a refused request said: one message per field of the form, and what concerns no field. */
export interface FormErrors {
  fields: Record<string, string>;
  general: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, general: null };

const withoutFieldName = (message: string, field: string) => (message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message);

/**
 * Spreads an API error over a form whose fields are `known`: each detail goes to the field it names or
 * lies under (`audience.headers.0.name` under `audience.headers`), without the field name the API puts
 * in front; an error without details whose code `byCode` names goes to that field (a name taken); the
 * rest is `general`.
 */
export function formErrors(error: unknown, known: readonly string[], byCode: Record<string, string> = {}): FormErrors {
  if (!isRefusal(error)) return { fields: {}, general: error instanceof Error ? error.message : String(error) };
  if (error.details.length === 0) {
    const field = byCode[error.code];
    return field ? { fields: { [field]: error.message }, general: null } : { fields: {}, general: error.message };
  }
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const detail of error.details) {
    const field = detail.field ? known.find((name) => detail.field === name || detail.field!.startsWith(`${name}.`)) : undefined;
    if (field && !fields[field]) fields[field] = withoutFieldName(detail.message, detail.field!);
    else if (!field) unplaced.push(detail.message);
  }
  return { fields, general: unplaced.length > 0 ? unplaced.join('; ') : null };
}

/**
 * Checks a form's body against the contract's schema before it is sent: the parsed body, or its
 * problems spread over the form's `known` fields exactly as the API's refusal of it would be.
 */
export function checkWith<S extends z.ZodType>(schema: S, input: unknown, known: readonly string[]): { body: z.output<S> } | { errors: FormErrors } {
  const result = schema.safeParse(input);
  if (result.success) return { body: result.data };
  const refusal = Object.assign(new Error('The form has problems'), { code: 'INVALID_FIELD', details: describeIssues(result.error, input) });
  return { errors: formErrors(refusal, known) };
}
