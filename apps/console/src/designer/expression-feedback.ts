import { checkExpression, templateExpressions } from '@baton/flow';
import type { ExpressionKind } from './SchemaForm';

/**
 * Live feedback for an expression field, or for the `{{ }}` parts of a template, against the
 * variables the flow declares or sets. Each message names what is wrong.
 */
export function expressionFeedback(source: string, kind: ExpressionKind, variables: ReadonlySet<string>): string[] {
  const sources = kind === 'expression' ? [source] : templateExpressions(source);
  if (kind === 'template' && /\{\{(?![^]*\}\})/.test(source)) return ['A "{{" has no closing "}}"'];
  return sources.flatMap((expression) =>
    expression.trim() === '' ? ['An empty {{ }} placeholder'] : checkExpression(expression, { variables }).map((issue) => issue.message),
  );
}
