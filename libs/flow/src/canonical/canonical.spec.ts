import { nodeCatalog, NODE_TYPES, portsOf } from '../catalog/node-catalog';
import { diffFlows } from '../diff/diff';
import { checkExpression, parseExpression } from '../expressions/expression';
import { policyFlow } from '../testing/fixtures';
import { flowContentHash, serializeFlow } from './canonical';
import { sha256 } from './sha256';

describe('sha256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('hashes %j', (input, expected) => expect(sha256(input)).toBe(expected));

  it('matches node:crypto on multi-byte text and long input (checked only in this test)', () => {
    const { createHash } = require('node:crypto') as typeof import('node:crypto');
    for (const input of ['héllo ✓ 😀', 'x'.repeat(1000), serializeFlow(policyFlow())]) {
      expect(sha256(input)).toBe(createHash('sha256').update(input, 'utf8').digest('hex'));
    }
  });
});

describe('canonical serialisation', () => {
  it('prints the same text whatever the key and list order', () => {
    const flow = policyFlow();
    const shuffled = { edges: [...flow.edges].reverse(), nodes: [...flow.nodes].reverse().map((n) => ({ config: n.config, position: n.position, type: n.type, id: n.id })), kind: flow.kind, name: flow.name, id: flow.id, variables: flow.variables };
    expect(serializeFlow(shuffled as typeof flow)).toBe(serializeFlow(flow));
    expect(flowContentHash(shuffled as typeof flow)).toBe(flowContentHash(flow));
    expect(serializeFlow(flow).endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(serializeFlow(flow)))).toEqual(['id', 'name', 'kind', 'variables', 'nodes', 'edges']);
  });
  it('changes the hash when content changes', () => {
    expect(flowContentHash({ ...policyFlow(), name: 'Other' })).not.toBe(flowContentHash(policyFlow()));
  });
});

describe('diffFlows', () => {
  it('reports nodes and edges added, removed and changed, with field paths', () => {
    const before = policyFlow();
    const after = policyFlow();
    after.nodes = after.nodes
      .filter((n) => n.id !== 'gone')
      .map((n) => (n.id === 'care' ? { ...n, config: { ...n.config, priority: 'high', sla: { claimSeconds: 60 } } } : n)) as typeof after.nodes;
    after.nodes.push({ id: 'extra', type: 'end', position: { x: 1, y: 2 }, config: {} });
    after.edges = after.edges.filter((e) => !e.target.startsWith('gone'));
    const diff = diffFlows(before, after);
    expect(diff.identical).toBe(false);
    expect(diff.nodes.added).toEqual(['extra']);
    expect(diff.nodes.removed).toEqual(['gone']);
    expect(diff.nodes.changed).toEqual([
      { id: 'care', type: 'escalate', changes: [{ path: 'config.priority', before: 'urgent', after: 'high' }, { path: 'config.sla.claimSeconds', before: 120, after: 60 }] },
    ]);
    expect(diff.edges.removed).toEqual(['care:abandoned->gone', 'reply:timeout->gone', 'support:abandoned->gone']);
    expect(diffFlows(before, policyFlow()).identical).toBe(true);
  });
});

describe('node catalog', () => {
  it('describes every node type with a JSON Schema for its form', () => {
    const catalog = nodeCatalog();
    expect(catalog.map((entry) => entry.type)).toEqual(NODE_TYPES);
    expect(NODE_TYPES).toHaveLength(17);
    for (const entry of catalog) {
      expect(entry.title && entry.help && entry.icon).toBeTruthy();
      expect(entry.configJsonSchema).toMatchObject({ type: 'object' });
    }
    const escalate = catalog.find((entry) => entry.type === 'escalate')!;
    expect(Object.keys((escalate.configJsonSchema as { properties: object }).properties)).toEqual(expect.arrayContaining(['queue', 'priority', 'requiredSkills', 'sla']));
    expect(escalate.ports.map((p) => p.name)).toEqual(['resolved', 'sla_breached', 'abandoned']);
  });
  it('derives switch ports from its cases, tolerating junk config', () => {
    expect(portsOf('switch', { cases: [{ port: 'a', label: 'A' }, { port: 'b' }, null] }).map((p) => p.name)).toEqual(['a', 'b', 'default']);
    expect(portsOf('switch', null).map((p) => p.name)).toEqual(['default']);
  });
});

describe('expressions', () => {
  it('evaluates over plain JSON with ints and doubles', () => {
    const expr = parseExpression('vars.count + 1 > 2 && signals.sentiment < -0.5');
    expect(expr.evaluate({ vars: { count: 2 }, signals: { sentiment: -0.7 } })).toEqual({ ok: true, value: true });
    expect(expr.references).toEqual(['signals.sentiment', 'vars.count']);
    expect(parseExpression('vars.missing == 1').evaluate({ vars: {} })).toMatchObject({ ok: false });
  });
  it('reports syntax, unknown variables and type errors', () => {
    expect(checkExpression('1 +', { variables: [] })[0]?.code).toBe('expression_syntax');
    expect(checkExpression('vars.a == 1', { variables: [] })[0]?.code).toBe('unknown_variable');
    expect(checkExpression('1 + "a"', { variables: [] })[0]?.code).toBe('expression_type');
    expect(checkExpression('signals.intents.exists(i, i.label == "x")', { variables: [] })).toEqual([]);
  });
  it('refuses expressions past the size limit', () => {
    expect(checkExpression(Array.from({ length: 300 }, (_, i) => `${i}`).join(' + '), { variables: [] })[0]?.code).toBe('expression_syntax');
  });
});
