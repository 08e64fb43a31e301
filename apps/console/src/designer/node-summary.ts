import { formatSeconds, type NodeType } from '@baton/flow';

const text = (value: unknown, max = 48): string | null => {
  if (typeof value !== 'string' || value.trim() === '') return null;
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
};
const duration = (value: unknown): string | null => (typeof value === 'number' && Number.isFinite(value) ? formatSeconds(value) : null);
const list = (value: unknown): string | null => (Array.isArray(value) && value.length ? value.join(', ') : null);

/**
 * The key settings a node card shows, as label and value lines. Config comes straight from the canvas
 * (unvalidated), so every read is defensive.
 */
export function nodeSummary(type: NodeType, config: Record<string, unknown>): [string, string][] {
  const lines: [string, string | null][] = [];
  switch (type) {
    case 'start':
      lines.push(['Trigger', text(config.trigger)], ['Event', text(config.eventName)], ['Cron', text(config.cron)]);
      break;
    case 'classify':
      lines.push(['Intent floor', typeof config.intentFloor === 'number' ? String(config.intentFloor) : '0.5']);
      break;
    case 'condition':
      lines.push(['If', text(config.expression)]);
      break;
    case 'switch':
      for (const entry of Array.isArray(config.cases) ? (config.cases as Record<string, unknown>[]) : []) {
        lines.push([text(entry?.label, 20) ?? text(entry?.port, 20) ?? 'Case', text(entry?.when, 40)]);
      }
      break;
    case 'ai_reply':
      lines.push(['Source', text(config.source)], ['Knowledge', text(config.knowledgeBase)], ['Confidence ≥', typeof config.confidenceFloor === 'number' ? String(config.confidenceFloor) : null]);
      break;
    case 'action':
      lines.push([text(config.method, 8) ?? 'HTTP', text(config.url)]);
      break;
    case 'collect':
      lines.push(['Ask', text(config.prompt)], ['Into', text(config.variable)], ['Type', text(config.valueType)]);
      break;
    case 'send':
      lines.push(['Says', text(config.text)]);
      break;
    case 'wait':
      lines.push(['For', duration(config.seconds)]);
      break;
    case 'wait_for_reply':
      lines.push(['Timeout', duration(config.timeoutSeconds) ?? '1d']);
      break;
    case 'business_hours':
      lines.push(['Time zone', text(config.timeZone)]);
      break;
    case 'escalate': {
      const sla = (config.sla ?? {}) as Record<string, unknown>;
      lines.push(
        ['Queue', text(config.queue) ?? '(none)'],
        ['Priority', text(config.priority) ?? 'normal'],
        ['Skills', list(config.requiredSkills)],
        ['Claim SLA', duration(sla.claimSeconds)],
      );
      break;
    }
    case 'survey':
      lines.push(['Asks', text(config.question)], ['Scale', typeof config.scale === 'number' ? `1–${config.scale}` : '1–5']);
      break;
    case 'set_variable':
      for (const entry of Array.isArray(config.assignments) ? (config.assignments as Record<string, unknown>[]) : []) {
        lines.push([text(entry?.variable, 20) ?? '?', text(entry?.expression, 40)]);
      }
      break;
    case 'tag':
      lines.push(['Add', list(config.add)], ['Remove', list(config.remove)]);
      break;
    case 'subflow':
      lines.push(['Runs', text(config.flowId)]);
      break;
    case 'end':
      lines.push(['Outcome', text(config.outcome) ?? 'resolved']);
      break;
  }
  return lines.filter((line): line is [string, string] => line[1] !== null).slice(0, 4);
}
