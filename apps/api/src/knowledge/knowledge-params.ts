import { type PipeTransform } from '@nestjs/common';
import { ErrorCode, knowledgeBaseName } from '@baton/contracts';
import { ApiError } from '../common/api-error';

/** A knowledge base's name in a path: an external id, else 400 naming the rule it broke. */
export class KnowledgeBaseNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const parsed = knowledgeBaseName.safeParse(value);
    if (parsed.success) return parsed.data;
    const message = `knowledgeBase ${parsed.error.issues[0].message}`;
    throw new ApiError(400, ErrorCode.InvalidField, message, { details: [{ code: ErrorCode.InvalidField, field: 'knowledgeBase', message }] });
  }
}
