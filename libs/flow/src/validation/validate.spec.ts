import { compileFlow } from '../compiler/compile';
import { buildFlow, policyFlow } from '../testing/fixtures';
import { canConnect, loopsWithoutWait } from './graph-rules';
import { validateFlow, type ProblemCode } from './validate';

const codes = (input: unknown) => validateFlow(input).problems.map((p) => p.code);
const problem = (input: unknown, code: ProblemCode) => validateFlow(input).problems.find((p) => p.code === code);

const minimal = (extraNodes: [string, string, Record<string, unknown>?][] = [], edges: [string, string, string][] = [['s', 'next', 'e']]) =>
  buildFlow([['s', 'start'], ['e', 'end'], ...extraNodes], edges);

describe('validateFlow', () => {
  it('accepts the policy flow and fills in defaults', () => {
    const result = validateFlow(policyFlow());
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.flow?.nodes.find((n) => n.id === 'support')).toMatchObject({ config: { priority: 'normal', requiredSkills: [] } });
  });

  it('reports a non-object and a malformed envelope', () => {
    expect(codes(null)).toEqual(['invalid_flow']);
    expect(codes({ id: 'bad id!', name: '', kind: 'x', nodes: 1, edges: 'y' })).toEqual(expect.arrayContaining(['invalid_flow', 'no_start']));
  });

  it('reports a missing start and more than one start', () => {
    expect(codes(buildFlow([['e', 'end']], []))).toContain('no_start');
    const two = buildFlow([['s', 'start'], ['s2', 'start'], ['e', 'end']], [['s', 'next', 'e'], ['s2', 'next', 'e']]);
    expect(problem(two, 'multiple_starts')).toMatchObject({ nodeId: 's2' });
  });

  it('reports a start trigger that does not fit the flow kind', () => {
    expect(problem(buildFlow([['s', 'start', { trigger: 'event', eventName: 'x' }], ['e', 'end']], [['s', 'next', 'e']]), 'start_trigger_mismatch')).toMatchObject({ nodeId: 's' });
    const outreach = buildFlow([['s', 'start', { trigger: 'event' }], ['e', 'end']], [['s', 'next', 'e']], { kind: 'outreach' });
    expect(problem(outreach, 'invalid_config')).toMatchObject({ nodeId: 's', field: 'config.eventName' });
  });

  it('reports unreachable nodes', () => {
    expect(problem(minimal([['lost', 'end']]), 'unreachable_node')).toMatchObject({ nodeId: 'lost' });
  });

  it('reports dangling edges, unknown ports, busy ports and unconnected required ports', () => {
    const flow = minimal([['c', 'condition', { expression: 'true' }]], [['s', 'next', 'c'], ['c', 'true', 'e'], ['c', 'maybe', 'e'], ['c', 'true', 'ghost'], ['ghost2', 'next', 'e']]);
    const result = validateFlow(flow).problems;
    expect(result).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'unknown_port', nodeId: 'c', edgeId: 'c:maybe->e' }),
        expect.objectContaining({ code: 'edge_target_missing', edgeId: 'c:true->ghost' }),
        expect.objectContaining({ code: 'edge_source_missing', edgeId: 'ghost2:next->e' }),
        expect.objectContaining({ code: 'port_unconnected', nodeId: 'c', field: 'ports.false' }),
      ]),
    );
    const twice = minimal([['c', 'condition', { expression: 'true' }]], [['s', 'next', 'c'], ['c', 'true', 'e'], ['c', 'true', 'c'], ['c', 'false', 'e']]);
    expect(problem(twice, 'port_multiple_edges')).toMatchObject({ nodeId: 'c', field: 'ports.true' });
  });

  it('does not require optional ports (escalate sla_breached)', () => {
    expect(codes(policyFlow())).not.toContain('port_unconnected');
  });

  it('reports an edge back into start, duplicate ids and malformed nodes and edges', () => {
    const flow = minimal([['w', 'wait', { seconds: 5 }]], [['s', 'next', 'w'], ['w', 'next', 's']]);
    expect(codes(flow)).toContain('edge_into_start');
    const dup = minimal([['e', 'end']]);
    expect(codes(dup)).toContain('duplicate_node_id');
    const raw = { ...minimal(), nodes: [...(minimal().nodes as unknown[]), 42], edges: [...(minimal().edges as unknown[]), { source: 1 }, minimal().edges[0]] };
    expect(codes(raw)).toEqual(expect.arrayContaining(['invalid_node', 'invalid_edge', 'duplicate_edge_id']));
  });

  it('reports unknown node types', () => {
    expect(problem(minimal([['x', 'teleport']]), 'unknown_node_type')).toMatchObject({ nodeId: 'x', field: 'type' });
  });

  it('reports bad config with the field path', () => {
    const flow = minimal([['a', 'action', { method: 'FETCH', url: 'https://x', retries: 99 }]], [['s', 'next', 'a'], ['a', 'success', 'e'], ['a', 'error', 'e']]);
    const fields = validateFlow(flow).problems.filter((p) => p.code === 'invalid_config').map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['config.method', 'config.retries']));
    const sw = minimal([['w', 'switch', { cases: [{ port: 'a', when: 'true' }, { port: 'a', when: 'false' }] }]], [['s', 'next', 'w'], ['w', 'a', 'e'], ['w', 'default', 'e']]);
    expect(problem(sw, 'invalid_config')).toMatchObject({ nodeId: 'w', field: 'config.cases[1].port' });
  });

  it('reports expression syntax errors and unknown variables, with the field', () => {
    const flow = minimal(
      [
        ['c', 'condition', { expression: 'signals.sentiment <' }],
        ['d', 'condition', { expression: 'vars.nope == 1 || signals.mood == "x" || ghost' }],
        ['m', 'send', { text: 'Hi {{ vars.alsoNope }}' }],
      ],
      [['s', 'next', 'c'], ['c', 'true', 'd'], ['c', 'false', 'e'], ['d', 'true', 'm'], ['d', 'false', 'e'], ['m', 'next', 'e']],
    );
    const problems = validateFlow(flow).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'expression_syntax', nodeId: 'c', field: 'config.expression' }),
        expect.objectContaining({ code: 'unknown_variable', nodeId: 'd', message: expect.stringContaining('vars.nope') }),
        expect.objectContaining({ code: 'unknown_variable', nodeId: 'd', message: expect.stringContaining('signals.mood') }),
        expect.objectContaining({ code: 'unknown_variable', nodeId: 'd', message: expect.stringContaining('ghost') }),
        expect.objectContaining({ code: 'unknown_variable', nodeId: 'm', field: 'config.text' }),
      ]),
    );
  });

  it('knows variables written by nodes', () => {
    const flow = minimal(
      [['set', 'set_variable', { assignments: [{ variable: 'n', expression: '1' }] }], ['c', 'condition', { expression: 'vars.n + 1 > 1' }]],
      [['s', 'next', 'set'], ['set', 'next', 'c'], ['c', 'true', 'e'], ['c', 'false', 'e']],
    );
    expect(validateFlow(flow).problems).toEqual([]);
  });

  it('reports a loop that never waits, and accepts one through a waiting node', () => {
    const spin = minimal(
      [['c', 'condition', { expression: 'true' }], ['t', 'tag', { add: ['x'] }]],
      [['s', 'next', 'c'], ['c', 'true', 't'], ['t', 'next', 'c'], ['c', 'false', 'e']],
    );
    expect(problem(spin, 'loop_without_wait')).toMatchObject({ nodeId: 'c', message: expect.stringContaining('c, t') });
    expect(codes(policyFlow())).not.toContain('loop_without_wait');
  });

  it('reports an escalation without a queue', () => {
    const flow = minimal([['x', 'escalate', {}]], [['s', 'next', 'x'], ['x', 'resolved', 'e'], ['x', 'abandoned', 'e']]);
    expect(problem(flow, 'escalate_without_queue')).toMatchObject({ nodeId: 'x', field: 'config.queue' });
  });

  it.each([
    ['wait', { seconds: 0 }, 'config.seconds'],
    ['wait', { seconds: 99 * 86_400 }, 'config.seconds'],
    ['action', { method: 'GET', url: 'https://x', timeoutSeconds: 600 }, 'config.timeoutSeconds'],
    ['escalate', { queue: 'q', sla: { claimSeconds: 1 } }, 'config.sla.claimSeconds'],
    ['wait_for_reply', { timeoutSeconds: 1 }, 'config.timeoutSeconds'],
    ['collect', { variable: 'v', prompt: 'p', timeoutSeconds: 1 }, 'config.timeoutSeconds'],
    ['survey', { question: 'q', timeoutSeconds: 1 }, 'config.timeoutSeconds'],
  ])('reports a %s timer out of bounds', (type, config, field) => {
    const flow = minimal([['x', type, config]]);
    expect(problem(flow, 'timer_out_of_bounds')).toMatchObject({ nodeId: 'x', field });
  });

  it("needs a time zone only when a business_hours node keeps its own calendar", () => {
    expect(problem(minimal([['b', 'business_hours', {}]]), 'invalid_config')).toMatchObject({ nodeId: 'b', field: 'config.timeZone' });
    expect(validateFlow(minimal([['b', 'business_hours', { queue: 'support' }]])).problems.filter((p) => p.nodeId === 'b' && p.code === 'invalid_config')).toEqual([]);
  });

  it('reports bad patterns, missing knowledge bases and bad time zones', () => {
    const flow = minimal([
      ['p', 'collect', { variable: 'v', prompt: 'p', valueType: 'pattern', pattern: '([' }],
      ['k', 'ai_reply', { source: 'knowledge_base' }],
      ['b', 'business_hours', { timeZone: 'Mars/Olympus' }],
    ]);
    const problems = validateFlow(flow).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'invalid_pattern', nodeId: 'p' }),
        expect.objectContaining({ code: 'invalid_config', nodeId: 'k', field: 'config.knowledgeBase' }),
        expect.objectContaining({ code: 'invalid_config', nodeId: 'b', field: 'config.timeZone' }),
      ]),
    );
  });

  it('reports duplicate variables and unknown subflows', () => {
    const flow = buildFlow([['s', 'start'], ['sub', 'subflow', { flowId: 'nope' }], ['e', 'end']], [['s', 'next', 'sub'], ['sub', 'done', 'e']], {
      variables: [{ name: 'a' }, { name: 'a' }],
    });
    expect(validateFlow(flow, { subflows: {} }).problems.map((p) => p.code)).toEqual(expect.arrayContaining(['duplicate_variable', 'unknown_subflow']));
  });

  it('reports an expression whose types cannot work, naming the field', () => {
    const flow = buildFlow([['s', 'start'], ['c', 'condition', { expression: '1 + "a" == 2' }], ['t', 'end'], ['f', 'end']], [['s', 'next', 'c'], ['c', 'true', 't'], ['c', 'false', 'f']]);
    expect(validateFlow(flow).problems).toEqual([expect.objectContaining({ code: 'expression_type', nodeId: 'c', field: 'config.expression' })]);
  });

  it('reports a subflow that runs the flow it is part of, directly or through another', () => {
    const self = buildFlow([['s', 'start'], ['sub', 'subflow', { flowId: 'test-flow' }], ['e', 'end']], [['s', 'next', 'sub'], ['sub', 'done', 'e']]);
    expect(validateFlow(self, { subflows: { 'test-flow': self } }).problems).toContainEqual(expect.objectContaining({ code: 'subflow_cycle', nodeId: 'sub' }));
    const other = buildFlow([['s', 'start'], ['back', 'subflow', { flowId: 'test-flow' }], ['e', 'end']], [['s', 'next', 'back'], ['back', 'done', 'e']], { id: 'other' });
    const main = buildFlow([['s', 'start'], ['sub', 'subflow', { flowId: 'other' }], ['e', 'end']], [['s', 'next', 'sub'], ['sub', 'done', 'e']]);
    const compiled = compileFlow(main, { subflows: { other, 'test-flow': main } });
    expect(compiled.ok ? [] : compiled.problems).toContainEqual(expect.objectContaining({ code: 'subflow_cycle' }));
  });
});

describe('canConnect', () => {
  const graph = () => {
    const flow = policyFlow();
    return { nodes: flow.nodes as { id: string; type: string; config: unknown }[], edges: flow.edges.filter((e) => e.id !== 'tell:next->reply') };
  };
  it('allows a free port to a node', () => expect(canConnect(graph(), 'tell', 'next', 'reply')).toEqual({ ok: true }));
  it('refuses a busy port', () => expect(canConnect(graph(), 'classify', 'next', 'reply')).toMatchObject({ ok: false, code: 'port_in_use' }));
  it('refuses an unknown port or node', () => {
    expect(canConnect(graph(), 'tell', 'nope', 'reply')).toMatchObject({ code: 'unknown_port' });
    expect(canConnect(graph(), 'x', 'next', 'reply')).toMatchObject({ code: 'source_missing' });
    expect(canConnect(graph(), 'tell', 'next', 'x')).toMatchObject({ code: 'target_missing' });
  });
  it('refuses edges into start', () => expect(canConnect(graph(), 'tell', 'next', 'start')).toMatchObject({ code: 'edge_into_start' }));
  it('refuses a loop without a wait', () => {
    expect(canConnect(graph(), 'tell', 'next', 'classify')).toMatchObject({ ok: false, code: 'loop_without_wait' });
    expect(loopsWithoutWait(graph())).toEqual([]);
  });
});

describe('validateFlow: classify signals and models', () => {
  const classify = (config: Record<string, unknown>, when = 'signals.intent == "x"') =>
    buildFlow(
      [['s', 'start'], ['c', 'classify', config], ['d', 'condition', { expression: when }], ['e', 'end']],
      [['s', 'next', 'c'], ['c', 'next', 'd'], ['d', 'true', 'e'], ['d', 'false', 'e']],
    );
  const configProblems = (input: unknown) =>
    validateFlow(input)
      .problems.filter((p) => p.code === 'invalid_config')
      .map((p) => [p.nodeId, p.field]);

  it('reads signals.language and signals.sentimentShift in expressions', () => {
    expect(validateFlow(classify({}, 'signals.language == "es" || signals.sentimentShift <= -0.5')).problems).toEqual([]);
    expect(problem(classify({}, 'signals.lang == "es"'), 'unknown_variable')).toMatchObject({ nodeId: 'd', message: expect.stringContaining('signals.lang') });
  });

  it('accepts a classify node naming a model, with or without a pinned version, and leaves it out when not named', () => {
    expect(validateFlow(classify({ model: { name: 'retention' } })).problems).toEqual([]);
    expect(validateFlow(classify({ model: { name: 'support@eu.v2', version: 3 } })).problems).toEqual([]);
    const parsed = validateFlow(classify({})).flow?.nodes.find((n) => n.id === 'c');
    expect(parsed?.config).not.toHaveProperty('model');
  });

  it.each([
    [{ name: '' }, 'config.model.name'],
    [{ name: 'has space' }, 'config.model.name'],
    [{ name: 'x'.repeat(129) }, 'config.model.name'],
    [{ name: 'retention', version: 0 }, 'config.model.version'],
    [{ name: 'retention', version: 1.5 }, 'config.model.version'],
    [{ version: 2 }, 'config.model.name'],
  ])('names the node and field of a bad model %j', (model, field) => {
    expect(configProblems(classify({ model }))).toContainEqual(['c', field]);
  });

  it('refuses a model given as a name@version string or with unknown fields', () => {
    expect(configProblems(classify({ model: 'retention@2' }))).toContainEqual(['c', 'config.model']);
    expect(configProblems(classify({ model: { name: 'retention', latest: true } })).map(([nodeId]) => nodeId)).toContain('c');
  });
});
