import type { z } from 'zod';
import { type ApiErrorDetail, ErrorCode } from './errors';

/** Fields whose invalid value has a code of its own rather than INVALID_FIELD. */
const FIELD_CODES: Record<string, ErrorCode> = { channel: ErrorCode.UnknownChannel };

const valueAt = (input: unknown, path: PropertyKey[]) =>
  path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as never)[key] : undefined), input);

/**
 * Turns the problems zod found in `input` into details with a machine-readable code and the field each
 * concerns: one detail per field (its first problem), in the order zod reported them.
 */
export function describeIssues(error: z.ZodError, input: unknown): ApiErrorDetail[] {
  const seen = new Set<string>();
  const details = error.issues.flatMap((issue): ApiErrorDetail[] => {
    const field = issue.path.map(String).join('.') || undefined;
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ code: ErrorCode.UnknownField, field: key, message: `${key} is not a known field` }));
    }
    if (issue.path.length > 0 && valueAt(input, issue.path) === undefined) {
      return [{ code: ErrorCode.MissingField, field, message: `${field ?? 'body'} is required` }];
    }
    const ownCode = issue.code === 'custom' ? (issue.params?.code as ErrorCode | undefined) : undefined;
    const code = ownCode ?? (field ? FIELD_CODES[field] : undefined) ?? ErrorCode.InvalidField;
    const message = field && !issue.message.startsWith(field) ? `${field}: ${issue.message}` : issue.message;
    return [{ code, field, message }];
  });
  return details.filter((detail) => {
    const key = detail.field ?? '';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
