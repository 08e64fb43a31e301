import { NODE_TYPES } from '../catalog/node-catalog';
import { policyFlow } from '../testing/fixtures';
import { canConnect } from './graph-rules';
import { validateFlow } from './validate';

/** mulberry32: a small seeded PRNG so every run fuzzes the same cases. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const JUNK: unknown[] = [null, undefined, 0, -1, 1e12, NaN, '', 'x', '{{', 'vars.', '(((', true, [], {}, [1, 'a'], { a: { b: null } }];

describe('validator fuzz', () => {
  it('never throws on random graphs', () => {
    const random = prng(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const ports = ['next', 'true', 'false', 'default', 'resolved', 'abandoned', 'answered', 'fallback', 'bogus'];
    for (let i = 0; i < 1500; i++) {
      const count = Math.floor(random() * 8);
      const ids = Array.from({ length: count }, (_, n) => (random() < 0.05 ? pick(JUNK) : `n${n}`));
      const nodes = ids.map((id) => (random() < 0.03 ? pick(JUNK) : { id, type: random() < 0.9 ? pick(NODE_TYPES) : pick(JUNK), config: random() < 0.5 ? {} : pick(JUNK) }));
      const edges = Array.from({ length: Math.floor(random() * 10) }, () =>
        random() < 0.03 ? pick(JUNK) : { id: random() < 0.8 ? undefined : pick(JUNK), source: pick(ids), sourcePort: pick(ports), target: pick(ids) },
      );
      const flow = { id: random() < 0.9 ? 'f' : pick(JUNK), name: 'F', kind: random() < 0.9 ? 'conversation' : pick(JUNK), nodes, edges };
      const result = validateFlow(flow);
      expect(Array.isArray(result.problems)).toBe(true);
      for (const problem of result.problems) expect(problem.message).not.toMatch(/could not be checked/);
      const graph = { nodes: nodes.filter((n): n is { id: string; type: string; config: unknown } => typeof (n as { id?: unknown })?.id === 'string'), edges: [] };
      expect(() => canConnect(graph, String(pick(ids)), pick(ports), String(pick(ids)))).not.toThrow();
    }
  });

  it('never throws on mutations of a valid flow, and reports each mutation', () => {
    const random = prng(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const mutate = (value: unknown, depth = 0): unknown => {
      if (random() < 0.08 || depth > 6) return pick(JUNK);
      if (Array.isArray(value)) {
        const copy = value.map((item) => (random() < 0.3 ? mutate(item, depth + 1) : item));
        if (random() < 0.2) copy.splice(Math.floor(random() * copy.length), 1);
        if (random() < 0.1 && copy.length) copy.push(copy[Math.floor(random() * copy.length)]);
        return copy;
      }
      if (value && typeof value === 'object') {
        const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
        for (const key of Object.keys(copy)) if (random() < 0.3) copy[key] = mutate(copy[key], depth + 1);
        if (random() < 0.05) delete copy[pick(Object.keys(copy))];
        return copy;
      }
      return value;
    };
    let invalid = 0;
    for (let i = 0; i < 1500; i++) {
      const result = validateFlow(mutate(policyFlow()));
      expect(result.problems.every((p) => typeof p.code === 'string' && typeof p.message === 'string')).toBe(true);
      expect(result.problems.some((p) => /could not be checked/.test(p.message))).toBe(false);
      if (!result.valid) invalid++;
    }
    expect(invalid).toBeGreaterThan(500);
  });
});
