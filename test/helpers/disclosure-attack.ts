/**
 * An attacker's view of published figures, for disclosure-control tests: linear equations
 * over the suppressed counts (published terms already moved to the right-hand side).
 * `determined` names the unknowns the equations fix exactly:
 *  - non-negativity: an equation whose unknowns all carry the same sign and whose
 *    right-hand side is 0 makes each of them 0 (repeated, substituting what is learnt);
 *  - then Gauss-Jordan elimination: an unknown is fixed when it is a pivot whose reduced row
 *    holds no other unknown.
 * An independent method from the graph arguments of the code under test.
 */
export interface Equation {
  /** Unknown name -> coefficient. */
  terms: Map<string, number>;
  rhs: number;
}

const EPS = 1e-9;

/** Builds an equation from terms, leaving out published ones (moved to the right-hand side by the caller). */
export function equation(terms: [string, number][], rhs: number): Equation {
  const map = new Map<string, number>();
  for (const [name, coefficient] of terms) map.set(name, (map.get(name) ?? 0) + coefficient);
  return { terms: map, rhs };
}

export function determined(equations: Equation[]): Set<string> {
  const known = new Map<string, number>();
  const reduce = (e: Equation): Equation => {
    let rhs = e.rhs;
    const terms = new Map<string, number>();
    for (const [name, c] of e.terms) {
      if (known.has(name)) rhs -= c * known.get(name)!;
      else if (Math.abs(c) > EPS) terms.set(name, c);
    }
    return { terms, rhs };
  };
  for (let learnt = true; learnt; ) {
    learnt = false;
    for (const e of equations.map(reduce)) {
      const signs = new Set([...e.terms.values()].map(Math.sign));
      if (e.terms.size > 0 && signs.size === 1 && Math.abs(e.rhs) < EPS) {
        for (const name of e.terms.keys()) known.set(name, 0);
        learnt = true;
      }
    }
  }
  const reduced = equations.map(reduce).filter((e) => e.terms.size > 0);
  const names = [...new Set(reduced.flatMap((e) => [...e.terms.keys()]))];
  const column = new Map(names.map((n, k) => [n, k]));
  const rows = reduced.map((e) => {
    const row = new Float64Array(names.length);
    for (const [name, c] of e.terms) row[column.get(name)!] = c;
    return row;
  });
  const pivots: [number, number][] = [];
  let r = 0;
  for (let c = 0; c < names.length && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
    if (Math.abs(rows[best]![c]!) < EPS) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivot = rows[r]!;
    const scale = pivot[c]!;
    for (let k = 0; k < names.length; k++) pivot[k]! /= scale;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const factor = rows[i]![c]!;
      if (Math.abs(factor) < EPS) continue;
      for (let k = 0; k < names.length; k++) rows[i]![k]! -= factor * pivot[k]!;
    }
    pivots.push([r, c]);
    r += 1;
  }
  const fixed = new Set(known.keys());
  for (const [row, c] of pivots) {
    if (rows[row]!.every((v, k) => k === c || Math.abs(v) < EPS)) fixed.add(names[c]!);
  }
  return fixed;
}
