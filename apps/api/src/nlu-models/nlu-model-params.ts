import { type PipeTransform } from '@nestjs/common';
import { ErrorCode, nluModelName } from '@baton/contracts';
import { ApiError } from '../common/api-error';

/** A model's name in a path: an external id, else 400 naming the rule it broke. */
export class NluModelNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const parsed = nluModelName.safeParse(value);
    if (parsed.success) return parsed.data;
    const message = `name ${parsed.error.issues[0].message}`;
    throw new ApiError(400, ErrorCode.InvalidField, message, { details: [{ code: ErrorCode.InvalidField, field: 'name', message }] });
  }
}
