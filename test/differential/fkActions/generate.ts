import { seededRandom } from '../../seededRandom';
import { ACTIONS, type Actions, type Row, type Seed, type Statement } from './harness';

export function generate(seedNumber: number): { actions: Actions; seed: Seed; statement: Statement } {
  const rnd = seededRandom(seedNumber);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const maybe = <T>(xs: readonly T[], pNull = 0.2): T | null => (rnd() < pNull ? null : pick(xs));
  const subset = <T>(xs: readonly T[], p = 0.4): T[] => {
    const out = xs.filter(() => rnd() < p);
    return out.length ? out : [pick(xs)];
  };
  const pair = (): [any, any] => [pick(ACTIONS), pick(ACTIONS)];
  const actions: Actions = { cp: pair(), cc: pair(), gc: pair(), gp: pair(), pc: pair(), rq: pair() };
  const pk = ['k0', 'k1', 'k2', 'k3'];
  const ck = ['c0', 'c1', 'c2', 'c3', 'c4'];
  const p: Row[] = pk.map((k, i) => ({ name: `P${i}`, k, cref: maybe(ck, 0.5) }));
  const c: Row[] = ck.map((k, i) => ({ name: `C${i}`, k, pref: maybe(pk), par: maybe(ck.slice(0, i + 1), 0.3) }));
  const g: Row[] = [0, 1, 2, 3, 4].map((i) => ({ name: `G${i}`, cref: maybe(ck), pref: maybe(pk) }));
  const combos = [
    ['a0', 'b0'],
    ['a0', 'b1'],
    ['a1', 'b0'],
    ['a1', 'b1'],
  ];
  const q: Row[] = combos.map(([a, b], i) => ({ name: `Q${i}`, a: a!, b: b! }));
  const r: Row[] = [0, 1, 2, 3].map((i) => {
    const roll = rnd();
    if (roll < 0.15) return { name: `R${i}`, x: 'zz', y: null }; // MATCH SIMPLE: no reference
    if (roll < 0.25) return { name: `R${i}`, x: null, y: null };
    const [x, y] = pick(combos);
    return { name: `R${i}`, x: x!, y: y! };
  });
  const seed: Seed = { p, c, g, q, r };

  /** New keys for `rows` (in seed order): a fresh key, or the old key of an earlier row renamed too (a rotation). */
  const rename = (rows: Row[], column: string, fresh: string[]) => {
    const freed: string[] = [];
    const out: Record<string, string> = {};
    for (const row of rows) {
      const useFreed = freed.length > 0 && rnd() < 0.6;
      const value = useFreed ? freed.splice(Math.floor(rnd() * freed.length), 1)[0]! : fresh.shift()!;
      out[row.name!] = value;
      freed.push(row[column]!);
    }
    return out;
  };
  const returning = rnd() < 0.6;
  const kind = pick([
    'deleteP',
    'deleteC',
    'deleteQ',
    'renameP',
    'renameC',
    'renameQ',
    'refC',
    'mixC',
    'refR',
    'rotateQ',
  ] as const);
  let statement: Statement;
  const names = (rows: Row[]) => subset(rows).map((row) => row.name!);
  const rowsNamed = (rows: Row[], ns: string[]) => rows.filter((row) => ns.includes(row.name!));
  switch (kind) {
    case 'deleteP':
      statement = { kind: 'delete', table: 'p', names: names(p), returning };
      break;
    case 'deleteC':
      statement = { kind: 'delete', table: 'c', names: names(c), returning };
      break;
    case 'deleteQ':
      statement = { kind: 'delete', table: 'q', names: names(q), returning };
      break;
    case 'renameP': {
      const ns = names(p);
      statement = {
        kind: 'update',
        table: 'p',
        names: ns,
        set: { k: rename(rowsNamed(p, ns), 'k', ['k7', 'k8', 'k9', 'k6']) },
        returning,
      };
      break;
    }
    case 'renameC': {
      const ns = names(c);
      statement = {
        kind: 'update',
        table: 'c',
        names: ns,
        set: { k: rename(rowsNamed(c, ns), 'k', ['c7', 'c8', 'c9', 'c6', 'c5']) },
        returning,
      };
      break;
    }
    case 'renameQ': {
      const ns = names(q);
      const col = pick(['a', 'b']);
      // Renaming one column of the composite key: a fresh value never collides.
      statement = {
        kind: 'update',
        table: 'q',
        names: ns,
        set: { [col]: Object.fromEntries(ns.map((n, i) => [n, `${col}${7 + i}`])) },
        returning,
      };
      break;
    }
    case 'refC': {
      const ns = names(c);
      statement = {
        kind: 'update',
        table: 'c',
        names: ns,
        set: { par: Object.fromEntries(ns.map((n) => [n, maybe(ck)])) },
        returning,
      };
      break;
    }
    case 'refR': {
      const ns = names(r);
      const xs = ['a0', 'a1', 'a9', null];
      const ys = ['b0', 'b1', 'b9', null];
      statement = {
        kind: 'update',
        table: 'r',
        names: ns,
        set: {
          x: Object.fromEntries(ns.map((n) => [n, pick(xs)])),
          y: Object.fromEntries(ns.map((n) => [n, pick(ys)])),
        },
        returning,
      };
      break;
    }
    case 'rotateQ': {
      // Both columns of the composite key, a rotation in seed order (no unique clash in Postgres's row order).
      const ns = names(q);
      const rows = rowsNamed(q, ns);
      const freed: [string, string][] = [];
      const fresh: [string, string][] = [
        ['a8', 'b8'],
        ['a9', 'b9'],
        ['a7', 'b7'],
        ['a6', 'b6'],
      ];
      const a: Record<string, string> = {};
      const b: Record<string, string> = {};
      for (const row of rows) {
        const value =
          freed.length > 0 && rnd() < 0.6 ? freed.splice(Math.floor(rnd() * freed.length), 1)[0]! : fresh.shift()!;
        a[row.name!] = value[0];
        b[row.name!] = value[1];
        freed.push([row.a!, row.b!]);
      }
      statement = { kind: 'update', table: 'q', names: ns, set: { a, b }, returning };
      break;
    }
    case 'mixC': {
      // Key and references changed by one statement.
      const ns = names(c);
      statement = {
        kind: 'update',
        table: 'c',
        names: ns,
        set: {
          k: rename(rowsNamed(c, ns), 'k', ['c7', 'c8', 'c9', 'c6', 'c5']),
          par: Object.fromEntries(ns.map((n) => [n, maybe([...ck, 'c7', 'c8'])])),
        },
        returning,
      };
      break;
    }
  }
  return { actions, seed, statement };
}
