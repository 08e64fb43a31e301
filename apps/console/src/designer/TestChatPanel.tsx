import { type FormEvent, useEffect, useState } from 'react';
import { RotateCcw } from 'lucide-react';
import type { Command, CompiledFlow, FlowEvent, Json, Problem } from '@baton/flow';
import { flowsApi } from '../api/flows-api';
import { ApiRequestError } from '../api/api-client';
import { acceptsTyping, deliver, emptyRun, sendMessage, type TestRun, triggerEvent } from './test-run';

export interface TestChatPanelProps {
  /** The draft compiled, or the problems that keep it from running. */
  compiled: { ok: true; flow: CompiledFlow } | { ok: false; problems: Problem[] };
  /** The path of the run, for the canvas to highlight. */
  onTrace(trace: { nodes: string[]; edges: string[]; current: string | null } | null): void;
  onSelectNode(nodeId: string): void;
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** What the outside world could answer to the command the run waits on: the tester plays it. */
function outcomes(command: Command): { label: string; event: FlowEvent }[] {
  switch (command.type) {
    case 'ai_reply':
      return [
        { label: 'AI answers confidently', event: { type: 'ai_reply_result', id: command.id, text: `(answer from "${command.knowledgeBase}")`, confidence: 0.95 } },
        { label: 'AI is unsure', event: { type: 'ai_reply_result', id: command.id, text: null, confidence: 0.2 } },
      ];
    case 'http':
      return [
        { label: 'Responds 200', event: { type: 'action_result', id: command.id, status: 200, body: {} } },
        { label: 'Fails', event: { type: 'action_error', id: command.id, error: 'simulated failure' } },
      ];
    case 'start_timer':
      return [{ label: 'Time passes', event: { type: 'timer_fired', id: command.id } }];
    case 'check_hours':
      return [
        { label: `${command.queue} is open`, event: { type: 'hours_checked', id: command.id, open: true, seen: { simulated: true } } },
        { label: `${command.queue} is closed`, event: { type: 'hours_checked', id: command.id, open: false, seen: { simulated: true } } },
      ];
    case 'escalate':
      return [
        { label: 'Agent resolves', event: { type: 'task_resolved', id: command.id, disposition: 'resolved' } },
        { label: 'SLA breached', event: { type: 'sla_breached', id: command.id, sla: 'claim' } },
        { label: 'Customer leaves', event: { type: 'abandoned', id: command.id } },
      ];
    case 'ask_survey':
      return [{ label: 'No answer', event: { type: 'reply_timeout', id: command.id } }];
    default:
      return [];
  }
}

/**
 * Runs the draft in the browser with the flow interpreter: typed messages are classified by the API's
 * triage, everything else (AI answers, HTTP calls, agents, timers) the tester decides with a click.
 * Shows the transcript, the signals, each decision with the values it saw, and the path taken.
 */
export function TestChatPanel({ compiled, onTrace, onSelectNode }: TestChatPanelProps) {
  const [run, setRun] = useState<TestRun>(emptyRun);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [eventText, setEventText] = useState('{ "orderNumber": "ORD-10042" }');
  const flow = compiled.ok ? compiled.flow : null;

  // A changed draft is a different flow: start over rather than resume a state it cannot read.
  useEffect(() => {
    setRun(emptyRun());
  }, [flow?.hash]);

  useEffect(() => {
    onTrace(run.path.length ? { nodes: run.path, edges: run.edges, current: run.status === 'ended' ? null : (run.state?.nodeId ?? null) } : null);
  }, [run, onTrace]);

  useEffect(() => () => onTrace(null), [onTrace]);

  if (!flow) {
    return (
      <section className="test-chat" aria-label="Test chat">
        <p className="empty-state">
          The draft has {compiled.ok ? 0 : compiled.problems.length} problem(s); fix them in the validation panel to try it here.
        </p>
      </section>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const message = text.trim();
    if (!message) return;
    setBusy(true);
    setError(null);
    try {
      const signals = await flowsApi.triage(message);
      setRun((current) => sendMessage(current, flow, message, signals, new Date().toISOString()));
      setText('');
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  const trigger = (event: FormEvent) => {
    event.preventDefault();
    try {
      const payload = JSON.parse(eventText) as unknown;
      if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new Error('the payload must be a JSON object');
      setError(null);
      setRun(triggerEvent(flow, payload as Record<string, Json>, new Date().toISOString()));
    } catch (caught) {
      setError(`Not triggered: ${(caught as Error).message}`);
    }
  };

  const typing = acceptsTyping(run, flow.kind);
  const outreachIdle = flow.kind === 'outreach' && (!run.state || run.status === 'ended');
  return (
    <section className="test-chat" aria-label="Test chat">
      <header className="panel-header">
        <h2>Test chat</h2>
        <button type="button" className="button-secondary small" onClick={() => setRun(emptyRun())} disabled={run.status === 'idle'}>
          <RotateCcw size={14} aria-hidden="true" /> Restart
        </button>
      </header>
      <p className="muted small">Runs this draft in your browser; nothing is sent to customers or agents.</p>
      <ol className="test-transcript" aria-live="polite">
        {run.transcript.length === 0 && (
          <li className="muted small">
            {flow.kind === 'outreach' ? 'Trigger the flow with an event below.' : 'Type what a customer would write, e.g. "I want to cancel my subscription".'}
          </li>
        )}
        {run.transcript.map((line, index) => (
          <li key={index} className={`test-line ${line.role}`}>
            {line.text}
          </li>
        ))}
      </ol>
      {run.waitingOn && (
        <div className="test-outcomes" role="group" aria-label="Simulate what happens next">
          <span className="small muted">Waiting at {run.waitingOn.nodeId}:</span>
          {outcomes(run.waitingOn).map((outcome) => (
            <button key={outcome.label} type="button" className="button-secondary small" onClick={() => setRun((current) => deliver(current, flow, { ...outcome.event, at: new Date().toISOString() }))}>
              {outcome.label}
            </button>
          ))}
        </div>
      )}
      {outreachIdle && (
        <form className="test-trigger" onSubmit={trigger}>
          <div className="field">
            <label htmlFor="test-event">Event payload (JSON), as the trigger would send it</label>
            <textarea id="test-event" rows={3} className="template-input" value={eventText} onChange={(event) => setEventText(event.target.value)} />
          </div>
          <button type="submit">Trigger the flow</button>
        </form>
      )}
      {error && <p className="notice error">{error}</p>}
      <form className="test-composer" onSubmit={submit}>
        <input
          aria-label="Test message"
          value={text}
          maxLength={8192}
          disabled={!typing || busy}
          placeholder={typing ? (run.status === 'ended' ? 'Start a new conversation' : 'Customer message') : outreachIdle ? 'Trigger the flow first' : 'Choose what happens next above'}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" disabled={!typing || busy || !text.trim()}>
          Send
        </button>
      </form>
      {run.signals.length > 0 && (
        <details className="test-section" open>
          <summary>Signals</summary>
          <ul className="signal-list">
            {run.signals.map(({ text: said, signals }, index) => (
              <li key={index}>
                <q>{said}</q>
                <div className="small">
                  intents: {signals.intents.length ? signals.intents.map((intent) => `${intent.label} ${intent.confidence.toFixed(2)}`).join(', ') : 'none'}; sentiment{' '}
                  {signals.sentiment.toFixed(2)}; risks: {signals.risks.join(', ') || 'none'}
                  {signals.entities.orderNumbers.length > 0 && `; orders: ${signals.entities.orderNumbers.join(', ')}`}
                </div>
              </li>
            ))}
          </ul>
        </details>
      )}
      {run.decisions.length > 0 && (
        <details className="test-section" open>
          <summary>Decisions</summary>
          <ol className="decision-list" data-testid="decisions">
            {run.decisions.map((decision, index) => (
              <li key={index}>
                <button type="button" className="link-button" onClick={() => onSelectNode(decision.nodeId)}>
                  {decision.rule}
                </button>{' '}
                <span className="muted small">({decision.nodeType})</span> {decision.port ? <>→ <strong>{decision.port}</strong></> : null}
                <div className="decision-values small">
                  {Object.entries(decision.values).map(([key, value]) => (
                    <span key={key}>
                      {key} = <code>{show(value)}</code>
                    </span>
                  ))}
                </div>
              </li>
            ))}
          </ol>
        </details>
      )}
      {run.path.length > 0 && (
        <p className="small" data-testid="test-path">
          Path: {run.path.join(' → ')}
        </p>
      )}
    </section>
  );
}
