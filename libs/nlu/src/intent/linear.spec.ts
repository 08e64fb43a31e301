import { scoreRow, trainOvrSvm } from './linear';
import { toCsr } from './sparse';

describe('trainOvrSvm', () => {
  it('separates a small multi-class problem and treats label -1 as negative for every class', () => {
    // three classes on three features, plus an "out-of-scope" row on a fourth feature
    const rows = [
      { idx: [0], val: [1], y: 0 },
      { idx: [0, 3], val: [0.9, 0.1], y: 0 },
      { idx: [1], val: [1], y: 1 },
      { idx: [1, 3], val: [0.8, 0.2], y: 1 },
      { idx: [2], val: [1], y: 2 },
      { idx: [2, 3], val: [0.9, 0.1], y: 2 },
      { idx: [3], val: [1], y: -1 },
    ];
    const X = toCsr(
      rows.map((r) => ({ idx: Int32Array.from(r.idx), val: Float32Array.from(r.val) })),
      4,
    );
    const m = trainOvrSvm(X, Int32Array.from(rows.map((r) => r.y)), 3, { C: 10 });
    for (const [j, k] of [
      [0, 0],
      [1, 1],
      [2, 2],
    ]) {
      const s = scoreRow(m, [j], [1]);
      expect(Array.from(s).indexOf(Math.max(...s))).toBe(k);
      expect(s[k]).toBeGreaterThan(0);
    }
    const oos = scoreRow(m, [3], [1]);
    for (const v of oos) expect(v).toBeLessThan(0);
  });

  it('is deterministic for a seed', () => {
    const X = toCsr(
      [0, 1, 2, 3].map((i) => ({ idx: Int32Array.from([i % 2, 2]), val: Float32Array.from([1, i / 4]) })),
      3,
    );
    const y = Int32Array.from([0, 1, 0, 1]);
    expect(Array.from(trainOvrSvm(X, y, 2).weights)).toEqual(Array.from(trainOvrSvm(X, y, 2).weights));
  });
});
