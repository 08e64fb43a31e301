import { memo, useCallback, useMemo } from 'react';
import { nodeCatalog, type Problem } from '@baton/flow';
import type { FlowNodeData } from './canvas-model';
import { expressionFeedback } from './expression-feedback';
import { fieldHelp } from './field-help';
import { NodeIcon } from './node-icons';
import { type ExpressionKind, type JsonSchema, SchemaForm } from './SchemaForm';

const CATALOG = new Map(nodeCatalog().map((entry) => [entry.type, entry]));
/** Expression problems the form reports live as a person types, so they are not listed twice. */
const LIVE_CODES = new Set<Problem['code']>(['expression_syntax', 'unknown_variable', 'expression_type']);

export interface InspectorProps {
  nodeId: string;
  data: FlowNodeData;
  /** Problems of this node (validation), shown at their fields or above the form. */
  problems: Problem[];
  /** Variable names expressions may read. */
  variables: ReadonlySet<string>;
  readOnly?: boolean;
  onChange(nodeId: string, data: FlowNodeData): void;
}

/** The side panel that edits one node: its label and a form generated from its config schema. */
export const Inspector = memo(function Inspector({ nodeId, data, problems, variables, readOnly = false, onChange }: InspectorProps) {
  const entry = CATALOG.get(data.type)!;
  const { fieldErrors, general } = useMemo(() => {
    const fieldErrors: Record<string, string[]> = {};
    const general: Problem[] = [];
    for (const problem of problems) {
      if (LIVE_CODES.has(problem.code)) continue;
      if (problem.field?.startsWith('config.')) {
        const path = problem.field.slice('config.'.length);
        (fieldErrors[path] ??= []).push(problem.message);
      } else general.push(problem);
    }
    return { fieldErrors, general };
  }, [problems]);
  const check = useCallback((source: string, kind: ExpressionKind) => expressionFeedback(source, kind, variables), [variables]);
  const help = useCallback((path: string) => fieldHelp(data.type, path), [data.type]);

  return (
    <section className="inspector" aria-label="Node settings">
      <header className="inspector-header">
        <NodeIcon name={entry.icon} size={20} />
        <div>
          <h2>{entry.title}</h2>
          <p className="muted small">{entry.help}</p>
        </div>
      </header>
      <div className="field">
        <label htmlFor="inspector-id">Id</label>
        <input id="inspector-id" value={nodeId} readOnly disabled />
      </div>
      <div className="field">
        <label htmlFor="inspector-label">Label</label>
        <input
          id="inspector-label"
          value={data.label ?? ''}
          placeholder={entry.title}
          disabled={readOnly}
          onChange={(event) => {
            const { label: _previous, ...rest } = data;
            onChange(nodeId, event.target.value ? { ...rest, label: event.target.value } : rest);
          }}
        />
        <p className="field-help">Decision records name this node by its label.</p>
      </div>
      {general.length > 0 && (
        <ul className="inspector-problems" aria-label="Problems of this node">
          {general.map((problem, index) => (
            <li key={index} className="field-error">
              {problem.message}
            </li>
          ))}
        </ul>
      )}
      <SchemaForm
        schema={entry.configJsonSchema as JsonSchema}
        value={data.config}
        errors={fieldErrors}
        checkExpression={check}
        help={help}
        readOnly={readOnly}
        onChange={(config) => onChange(nodeId, { ...data, config })}
      />
    </section>
  );
});
