import { createFlowSchema, flowDiffQuerySchema, publishFlowSchema, saveDraftSchema } from '@baton/contracts';
import { flowContentHash, validateFlow } from '@baton/flow';
import { checkFlow, diffable, documentHash, starterFlow } from './flow-documents';
import { FlowNamePipe, FlowVersionPipe } from './flow-params';
import { smallPolicyFlow } from '@baton/flow/testing';

const policy = () => smallPolicyFlow('care-policy') as Record<string, unknown>;
const owner = { name: 'care-policy', kind: 'conversation' as const };

describe('starterFlow', () => {
  it('is a valid conversation flow named after its owner', () => {
    const result = checkFlow(starterFlow('support', 'conversation'), { name: 'support', kind: 'conversation' });
    expect(result).toMatchObject({ valid: true, problems: [] });
    expect(result.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('for outreach, asks for the starting event rather than pretending to be complete', () => {
    const result = checkFlow(starterFlow('shipment-delay', 'outreach'), { name: 'shipment-delay', kind: 'outreach' });
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'invalid_config', nodeId: 'start', field: 'config.eventName' })]);
  });
});

describe('checkFlow', () => {
  it('accepts a valid flow and hashes it as parsed', () => {
    const result = checkFlow(policy(), owner);
    expect(result.valid).toBe(true);
    expect(result.contentHash).toBe(flowContentHash(validateFlow(policy()).flow!));
  });

  it('adds an id or kind that does not match the owning flow to the validator problems', () => {
    const result = checkFlow({ ...policy(), id: 'other', kind: 'outreach' }, owner);
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'invalid_flow', field: 'id' }),
        expect.objectContaining({ code: 'invalid_flow', field: 'kind' }),
      ]),
    );
  });

  it('reports node-level problems without throwing on junk', () => {
    const broken = policy();
    broken.nodes = (broken.nodes as { id: string; type: string; config: Record<string, unknown> }[]).map((node) =>
      node.id === 'care' ? { ...node, config: { ...node.config, queue: '' } } : node,
    );
    const result = checkFlow(broken, owner);
    expect(result.valid).toBe(false);
    expect(result.problems.some((problem) => problem.nodeId === 'care')).toBe(true);
    for (const junk of [null, 42, 'flow', [], { nodes: 'x' }]) expect(checkFlow(junk, owner).valid).toBe(false);
  });
});

describe('documentHash', () => {
  it('ignores key order and defaults, so an unchanged draft matches its published version', () => {
    const flow = policy();
    const reordered = Object.fromEntries(Object.entries(flow).reverse());
    const { variables: _variables, ...withoutDefaults } = { ...flow, variables: [] };
    expect(documentHash(reordered)).toBe(documentHash(flow));
    expect(documentHash(withoutDefaults)).toBe(flowContentHash(validateFlow({ ...withoutDefaults }).flow!));
    expect(documentHash({ ...flow, name: 'Renamed' })).not.toBe(documentHash(flow));
  });

  it('hashes a document that does not parse', () => {
    expect(documentHash({ nodes: 'not a list' })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('diffable', () => {
  it('keeps only nodes and edges with ids from a document that does not parse', () => {
    const shaped = diffable({ id: 'x', nodes: [{ id: 'a', type: 'mystery' }, 5, { type: 'no-id' }], edges: 'nope' });
    expect(shaped.nodes).toEqual([{ id: 'a', type: 'mystery' }]);
    expect(shaped.edges).toEqual([]);
  });
});

describe('flow request schemas', () => {
  it('accept a slug name and refuse anything else', () => {
    expect(createFlowSchema.safeParse({ name: 'after-hours-2', kind: 'conversation' }).success).toBe(true);
    for (const name of ['', 'Upper', '-lead', 'with space', 'a'.repeat(65), 'dots.no']) {
      expect(createFlowSchema.safeParse({ name, kind: 'conversation' }).success).toBe(false);
    }
    expect(createFlowSchema.safeParse({ name: 'x', kind: 'chat' }).success).toBe(false);
    expect(createFlowSchema.safeParse({ name: 'x', kind: 'outreach', extra: 1 }).success).toBe(false);
  });

  it('require a base revision and author to save, a message to publish', () => {
    expect(saveDraftSchema.safeParse({ flow: {}, baseRevision: 1, author: 'ana' }).success).toBe(true);
    expect(saveDraftSchema.safeParse({ flow: {}, author: 'ana' }).success).toBe(false);
    expect(saveDraftSchema.safeParse({ flow: [], baseRevision: 1, author: 'ana' }).success).toBe(false);
    expect(publishFlowSchema.safeParse({ message: '  ', author: 'ana' }).success).toBe(false);
  });

  it('read diff sides as version numbers or "draft"', () => {
    expect(flowDiffQuerySchema.parse({ from: '2', to: 'draft' })).toEqual({ from: 2, to: 'draft' });
    expect(flowDiffQuerySchema.safeParse({ from: '0' }).success).toBe(false);
    expect(flowDiffQuerySchema.safeParse({ from: 'latest' }).success).toBe(false);
  });
});

describe('path pipes', () => {
  it('answer 404 for names and versions that cannot exist', () => {
    expect(new FlowNamePipe().transform('care-policy')).toBe('care-policy');
    expect(() => new FlowNamePipe().transform('../etc')).toThrow();
    expect(new FlowVersionPipe().transform('12')).toBe(12);
    for (const bad of ['0', '-1', '1.5', 'x', '99999999999']) expect(() => new FlowVersionPipe().transform(bad)).toThrow();
  });
});
