import { useEffect, useId, useState } from 'react';
import { Plus, X } from 'lucide-react';

/** The JSON Schema shapes the node catalog produces (zod's toJSONSchema of the config schemas). */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  enum?: (string | number)[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  pattern?: string;
}

/** How a string field holds expressions, read from the schema's description. */
export type ExpressionKind = 'expression' | 'template';
const EXPRESSION_DESCRIPTIONS: Record<string, ExpressionKind> = {
  'CEL expression': 'expression',
  'text with {{ expression }} placeholders': 'template',
};

export interface SchemaFormProps {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  /** Problems by field path inside the value, e.g. `sla.claimSeconds`, `cases[0].when`. */
  errors?: Record<string, string[]>;
  /** Live syntax feedback for expression and template fields. */
  checkExpression?(source: string, kind: ExpressionKind): string[];
  /** Inline help for a field path. */
  help?(path: string): string | undefined;
  readOnly?: boolean;
}

interface FieldContext {
  errors: Record<string, string[]>;
  checkExpression?: SchemaFormProps['checkExpression'];
  help?: SchemaFormProps['help'];
  readOnly: boolean;
}

/** `claimSeconds` -> `Claim seconds`. */
export const humanize = (key: string): string => {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .replace(/\b(sla|url|http|id)\b/g, (acronym) => acronym.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Largest bound worth showing: zod writes the safe-integer range for plain integers. */
const shownBound = (bound: number | undefined) => (bound !== undefined && Math.abs(bound) < 1e12 ? bound : undefined);

/** A starting value for a new array item or record entry. */
const emptyValue = (schema: JsonSchema | undefined): unknown => {
  if (!schema) return '';
  if (schema.default !== undefined) return schema.default;
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = emptyValue(schema.properties?.[key]);
      return out;
    }
    case 'array':
      return [];
    case 'number':
    case 'integer':
      return schema.minimum !== undefined && shownBound(schema.minimum) !== undefined ? schema.minimum : 0;
    case 'boolean':
      return false;
    default:
      return schema.enum?.[0] ?? '';
  }
};

/**
 * A form generated from a node's config JSON Schema: text, number, yes/no and choice fields, nested
 * groups, lists and key/value maps, with inline help, field errors and live expression feedback.
 */
export function SchemaForm({ schema, value, onChange, errors = {}, checkExpression, help, readOnly = false }: SchemaFormProps) {
  const context: FieldContext = { errors, checkExpression, help, readOnly };
  return (
    <div className="schema-form">
      <ObjectFields schema={schema} value={value} path="" onChange={onChange} context={context} />
    </div>
  );
}

function ObjectFields({
  schema,
  value,
  path,
  onChange,
  context,
}: {
  schema: JsonSchema;
  value: Record<string, unknown>;
  path: string;
  onChange(value: Record<string, unknown>): void;
  context: FieldContext;
}) {
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([key, property]) => (
        <Field
          key={key}
          name={key}
          schema={property}
          required={schema.required?.includes(key) ?? false}
          value={value[key]}
          path={path ? `${path}.${key}` : key}
          context={context}
          onChange={(next) => {
            const copy = { ...value };
            if (next === undefined) delete copy[key];
            else copy[key] = next;
            onChange(copy);
          }}
        />
      ))}
    </>
  );
}

interface FieldProps {
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  path: string;
  context: FieldContext;
  onChange(value: unknown): void;
}

function Field(props: FieldProps) {
  const { schema } = props;
  if (schema.type === 'object' && schema.properties) return <GroupField {...props} />;
  if (schema.type === 'object' && isRecord(schema.additionalProperties)) return <MapField {...props} />;
  if (schema.type === 'array' && schema.items?.type === 'object') return <ListField {...props} />;
  if (schema.type === 'array') return <TextListField {...props} />;
  return <ScalarField {...props} />;
}

function FieldFrame({
  id,
  label,
  required,
  path,
  context,
  extraMessages = [],
  children,
}: {
  id: string;
  label: string;
  required: boolean;
  path: string;
  context: FieldContext;
  extraMessages?: string[];
  children: React.ReactNode;
}) {
  const helpText = context.help?.(path);
  const messages = [...extraMessages, ...(context.errors[path] ?? [])].filter((message, index, all) => all.indexOf(message) === index);
  return (
    <div className={`field${messages.length ? ' field-invalid' : ''}`} data-field={path}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required" aria-label="required">*</span>}
      </label>
      {children}
      {helpText && (
        <p className="field-help" id={`${id}-help`}>
          {helpText}
        </p>
      )}
      {messages.map((message) => (
        <p key={message} className="field-error" role="alert">
          {message}
        </p>
      ))}
    </div>
  );
}

function ScalarField({ name, schema, required, value, path, context, onChange }: FieldProps) {
  const id = useId();
  const label = humanize(name);
  const described = context.help?.(path) ? `${id}-help` : undefined;
  const common = { id, 'aria-describedby': described, disabled: context.readOnly, 'aria-invalid': Boolean(context.errors[path]?.length) };

  if (schema.type === 'boolean') {
    const checked = typeof value === 'boolean' ? value : schema.default === true;
    return (
      <FieldFrame id={id} label={label} required={false} path={path} context={context}>
        <input type="checkbox" {...common} checked={checked} onChange={(event) => onChange(event.target.checked)} />
      </FieldFrame>
    );
  }

  if (schema.enum) {
    const current = value === undefined ? (schema.default ?? '') : value;
    return (
      <FieldFrame id={id} label={label} required={required} path={path} context={context}>
        <select {...common} value={String(current)} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}>
          {!required && schema.default === undefined && <option value="">(not set)</option>}
          {required && value === undefined && schema.default === undefined && <option value="">Choose…</option>}
          {schema.enum.map((option) => (
            <option key={String(option)} value={String(option)}>
              {humanize(String(option))}
            </option>
          ))}
        </select>
      </FieldFrame>
    );
  }

  if (schema.type === 'number' || schema.type === 'integer') {
    const min = shownBound(schema.minimum);
    const max = shownBound(schema.maximum);
    return (
      <FieldFrame id={id} label={label} required={required} path={path} context={context}>
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : undefined}
          placeholder={schema.default !== undefined ? String(schema.default) : undefined}
          min={min}
          max={max}
          step={schema.type === 'integer' ? 1 : 'any'}
          onChange={onChange}
        />
      </FieldFrame>
    );
  }

  const kind = schema.description ? EXPRESSION_DESCRIPTIONS[schema.description] : undefined;
  const text = typeof value === 'string' ? value : '';
  const issues = kind && text && context.checkExpression ? context.checkExpression(text, kind) : [];
  const placeholder = kind === 'expression' ? 'e.g. signals.intent == "billing"' : kind === 'template' ? 'Text with {{ vars.name }} placeholders' : undefined;
  return (
    <FieldFrame id={id} label={label} required={required} path={path} context={context} extraMessages={issues}>
      {kind === 'template' ? (
        <textarea
          {...common}
          className="template-input"
          rows={2}
          value={text}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value === '' && !required && schema.default === undefined ? undefined : event.target.value)}
        />
      ) : (
        <input
          {...common}
          className={kind === 'expression' ? 'expression-input' : undefined}
          spellCheck={kind ? false : undefined}
          value={text}
          placeholder={placeholder ?? (schema.default !== undefined ? String(schema.default) : undefined)}
          onChange={(event) => onChange(event.target.value === '' && !required && schema.default === undefined ? undefined : event.target.value)}
        />
      )}
      {kind === 'expression' && text && issues.length === 0 && <p className="field-ok">Expression is valid</p>}
    </FieldFrame>
  );
}

/** A number input that lets a person clear it or type "0." without the value jumping. */
function NumberInput({
  value,
  onChange,
  ...rest
}: Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & { value: number | undefined; onChange(value: number | undefined): void }) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => {
    setText((current) => (Number(current) === value && current !== '' ? current : value === undefined ? '' : String(value)));
  }, [value]);
  return (
    <input
      {...rest}
      type="number"
      inputMode="decimal"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const parsed = event.target.value === '' ? undefined : Number(event.target.value);
        if (parsed === undefined || Number.isFinite(parsed)) onChange(parsed);
      }}
    />
  );
}

function GroupField({ name, schema, value, path, context, onChange }: FieldProps) {
  return (
    <fieldset className="field-group" data-field={path}>
      <legend>{humanize(name)}</legend>
      {context.help?.(path) && <p className="field-help">{context.help(path)}</p>}
      {(context.errors[path] ?? []).map((message) => (
        <p key={message} className="field-error" role="alert">
          {message}
        </p>
      ))}
      <ObjectFields schema={schema} value={isRecord(value) ? value : {}} path={path} context={context} onChange={onChange} />
    </fieldset>
  );
}

function ListField({ name, schema, value, path, context, onChange }: FieldProps) {
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const itemSchema = schema.items!;
  const label = humanize(name);
  return (
    <fieldset className="field-group" data-field={path}>
      <legend>{label}</legend>
      {context.help?.(path) && <p className="field-help">{context.help(path)}</p>}
      {(context.errors[path] ?? []).map((message) => (
        <p key={message} className="field-error" role="alert">
          {message}
        </p>
      ))}
      {items.length === 0 && <p className="muted small">None yet.</p>}
      {items.map((item, index) => (
        <div className="list-item" key={index}>
          <div className="list-item-fields">
            <ObjectFields
              schema={itemSchema}
              value={isRecord(item) ? item : {}}
              path={`${path}[${index}]`}
              context={context}
              onChange={(next) => onChange(items.map((entry, i) => (i === index ? next : entry)))}
            />
          </div>
          {!context.readOnly && (
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove ${label.toLowerCase()} ${index + 1}`}
              onClick={() => onChange(items.filter((_, i) => i !== index))}
            >
              <X size={14} aria-hidden="true" />
            </button>
          )}
        </div>
      ))}
      {!context.readOnly && (
        <button type="button" className="button-secondary small" onClick={() => onChange([...items, emptyValue(itemSchema)])}>
          <Plus size={14} aria-hidden="true" /> Add {label.toLowerCase().replace(/s$/, '')}
        </button>
      )}
    </fieldset>
  );
}

/** A list of plain strings, typed comma-separated. */
function TextListField({ name, required, value, path, context, onChange }: FieldProps) {
  const id = useId();
  const items = Array.isArray(value) ? (value as unknown[]).map(String) : [];
  const [text, setText] = useState(items.join(', '));
  const joined = items.join(', ');
  useEffect(() => {
    setText((current) => (splitList(current).join(', ') === joined ? current : joined));
  }, [joined]);
  return (
    <FieldFrame id={id} label={humanize(name)} required={required} path={path} context={context}>
      <input
        id={id}
        value={text}
        disabled={context.readOnly}
        placeholder="Comma-separated"
        onChange={(event) => {
          setText(event.target.value);
          onChange(splitList(event.target.value));
        }}
      />
    </FieldFrame>
  );
}

const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** A string-to-value map, e.g. reply templates per intent. */
function MapField({ name, schema, value, path, context, onChange }: FieldProps) {
  const entries = Object.entries(isRecord(value) ? value : {});
  const valueSchema = schema.additionalProperties as JsonSchema;
  const kind = valueSchema.description ? EXPRESSION_DESCRIPTIONS[valueSchema.description] : undefined;
  const label = humanize(name);
  const rename = (from: string, to: string) => onChange(Object.fromEntries(entries.map(([key, entry]) => [key === from ? to : key, entry])));
  return (
    <fieldset className="field-group" data-field={path}>
      <legend>{label}</legend>
      {context.help?.(path) && <p className="field-help">{context.help(path)}</p>}
      {entries.length === 0 && <p className="muted small">None yet.</p>}
      {entries.map(([key, entry], index) => {
        const issues = kind && typeof entry === 'string' && entry && context.checkExpression ? context.checkExpression(entry, kind) : [];
        const messages = [...issues, ...(context.errors[`${path}.${key}`] ?? [])];
        return (
          <div className="list-item" key={index}>
            <div className="list-item-fields">
              <input aria-label={`${label} key ${index + 1}`} value={key} disabled={context.readOnly} onChange={(event) => rename(key, event.target.value)} />
              <textarea
                aria-label={`${label} ${key || index + 1}`}
                rows={2}
                value={typeof entry === 'string' ? entry : ''}
                disabled={context.readOnly}
                onChange={(event) => onChange({ ...Object.fromEntries(entries), [key]: event.target.value })}
              />
              {messages.map((message) => (
                <p key={message} className="field-error" role="alert">
                  {message}
                </p>
              ))}
            </div>
            {!context.readOnly && (
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${key || index + 1}`}
                onClick={() => onChange(Object.fromEntries(entries.filter(([other]) => other !== key)))}
              >
                <X size={14} aria-hidden="true" />
              </button>
            )}
          </div>
        );
      })}
      {!context.readOnly && (
        <button
          type="button"
          className="button-secondary small"
          onClick={() => {
            let n = entries.length + 1;
            while (entries.some(([key]) => key === `key_${n}`)) n++;
            onChange({ ...Object.fromEntries(entries), [`key_${n}`]: '' });
          }}
        >
          <Plus size={14} aria-hidden="true" /> Add entry
        </button>
      )}
    </fieldset>
  );
}
