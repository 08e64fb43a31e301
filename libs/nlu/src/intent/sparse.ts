/** Minimal sparse vector / matrix helpers (CSR), pure TypeScript. */

export interface SparseVector {
  /** Feature indices, strictly increasing. */
  idx: Int32Array;
  val: Float32Array;
}

export interface CsrMatrix {
  rows: number;
  cols: number;
  /** rowPtr[i]..rowPtr[i+1] index into idx/val. */
  rowPtr: Int32Array;
  idx: Int32Array;
  val: Float32Array;
}

export function toCsr(vectors: SparseVector[], cols: number): CsrMatrix {
  let nnz = 0;
  for (const v of vectors) nnz += v.idx.length;
  const rowPtr = new Int32Array(vectors.length + 1);
  const idx = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  let p = 0;
  vectors.forEach((v, i) => {
    rowPtr[i] = p;
    idx.set(v.idx, p);
    val.set(v.val, p);
    p += v.idx.length;
  });
  rowPtr[vectors.length] = p;
  return { rows: vectors.length, cols, rowPtr, idx, val };
}

export function selectRows(m: CsrMatrix, rows: ArrayLike<number>): CsrMatrix {
  const vectors: SparseVector[] = [];
  for (let k = 0; k < rows.length; k++) vectors.push(rowOf(m, rows[k]));
  return toCsr(vectors, m.cols);
}

export function rowOf(m: CsrMatrix, i: number): SparseVector {
  const a = m.rowPtr[i];
  const b = m.rowPtr[i + 1];
  return { idx: m.idx.subarray(a, b), val: m.val.subarray(a, b) };
}

export function dotSparse(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i];
    const y = b.idx[j];
    if (x === y) {
      s += a.val[i++] * b.val[j++];
    } else if (x < y) i++;
    else j++;
  }
  return s;
}
