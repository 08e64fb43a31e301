import { fireEvent, render, screen, within } from '@testing-library/react';
import type { AssistView } from '@baton/contracts';
import { AssistPanel } from './AssistPanel';

const assist = (overrides: Partial<AssistView> = {}): AssistView => ({
  taskId: 'task-1',
  conversationId: 'conv-1',
  lastCustomerMessage: { id: 'm3', seq: 3 },
  answering: { id: 'm1', seq: 1 },
  knowledgeBases: ['billing', 'faq'],
  passages: [
    { knowledgeBase: 'billing', articleId: 'refunds', title: 'Refunds', text: 'Refunds reach your card within 5 working days.', score: 0.91 },
    { knowledgeBase: 'faq', articleId: 'returns', title: 'Returns', text: 'Send items back within 30 days.', score: 0.42 },
  ],
  suggestion: { text: 'Your refund reaches your card within 5 working days.', confidence: 0.98, source: { knowledgeBase: 'billing', articleId: 'refunds', title: 'Refunds' } },
  flags: [
    { kind: 'cancellation_risk', reason: 'The customer mentioned cancelling twice', messages: [{ id: 'm2', seq: 2 }], cancellationConfidence: 0.8, lowestSentiment: -0.4 },
    { kind: 'pii_shared', reason: 'The customer shared a card number', messages: [{ id: 'm3', seq: 3 }], found: { card: 1 } },
  ],
  computedAt: '2026-12-04T10:00:00Z',
  ...overrides,
});

describe('the assist panel', () => {
  it('shows the risk flags, the suggested reply with its source and the knowledge passages', () => {
    render(<AssistPanel assist={assist()} loading={false} error={null} onUseSuggestion={() => undefined} />);
    const flags = within(screen.getByRole('list', { name: 'Risk flags' })).getAllByRole('listitem').map((item) => item.textContent);
    expect(flags).toEqual(['Cancellation risk: The customer mentioned cancelling twice', 'Personal data shared: The customer shared a card number']);
    expect(screen.getByTestId('assist-suggestion').textContent).toBe('Your refund reaches your card within 5 working days.');
    expect(screen.getByText(/From “Refunds” \(billing\), 98% confident/)).toBeTruthy();
    const passages = within(screen.getByRole('list', { name: 'Knowledge passages' })).getAllByRole('listitem');
    expect(passages.map((item) => item.querySelector('strong')!.textContent)).toEqual(['Refunds', 'Returns']);
    expect(within(passages[0]!).getByText('91%')).toBeTruthy();
  });

  it('hands the suggestion to the reply box when the agent chooses to use it', () => {
    const used: string[] = [];
    render(<AssistPanel assist={assist()} loading={false} error={null} onUseSuggestion={(text) => used.push(text)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Use suggestion' }));
    expect(used).toEqual(['Your refund reaches your card within 5 working days.']);
  });

  it('says when nothing answers the customer confidently, and shows no flags list without flags', () => {
    render(<AssistPanel assist={assist({ suggestion: null, passages: [], flags: [] })} loading={false} error={null} onUseSuggestion={() => undefined} />);
    expect(screen.queryByRole('button', { name: 'Use suggestion' })).toBeNull();
    expect(screen.getByText(/No article answers/)).toBeTruthy();
    expect(screen.getByText('Nothing relevant in billing, faq.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Risk flags' })).toBeNull();
  });

  it('says assist is unavailable when the API refused', () => {
    render(<AssistPanel assist={null} loading={false} error="The API answered 503" onUseSuggestion={() => undefined} />);
    expect(screen.getByText('Assist is unavailable: The API answered 503')).toBeTruthy();
  });
});
