import assert from "node:assert/strict";
import { before, it } from "node:test";
import { determined, equation, type Equation } from "../../../test/helpers/disclosure-attack.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { loadDemoSeries, type DemoSeries } from "../../../test/helpers/observatory-demo.js";
import { AppError } from "../../shared/errors.js";
import { listNeighbourhoods } from "../territory/territory.service.js";
import { buildProfile, loadProfileData, neighbourhoodProfile, type AreaSeries, type NeighbourhoodCrimeProfile } from "./profile.service.js";
import { kendallExactP } from "./profile.trend.js";
import { yearOnYearTest } from "./stats/rates.js";

/**
 * The profile on the synthetic series 2009-2018. Reference values are computed here by an
 * independent method: every crime_counts row is read raw and added up in JavaScript (no SQL
 * group by), the formulas written out again. Disclosure: every neighbourhood's answer is
 * collected, as an attacker would, and the equations they give are solved by linear algebra.
 */
forEachDatabase("observatory neighbourhood profile", (ctx) => {
  let raw: DemoSeries["raw"] = [];
  let hoods: DemoSeries["hoods"] = [];
  let population = new Map<string, number>();

  before(async () => {
    ({ raw, hoods, population } = await loadDemoSeries(ctx.db));
  });

  const count = (code: string, codes: Set<number> | null, year: number) =>
    raw.filter((r) => r.code === code && r.year === year && (codes === null || codes.has(r.neighbourhood))).reduce((s, r) => s + r.count, 0);
  const people = (codes: number[], year: number) => codes.reduce((s, c) => s + (population.get(`${c}|${year}`) ?? 0), 0);
  const close = (a: number | null | undefined, b: number, label: string) => assert.ok(a !== null && a !== undefined && Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(b)), `${label}: ${a} vs ${b}`);

  it("gives an analyst every category's counts and rates for the neighbourhood, its municipality and the region", async () => {
    const profile = await neighbourhoodProfile(ctx.db, { neighbourhood: 1, from: 2009, to: 2018, phenomena: false, analyst: true });
    assert.deepEqual([profile.suppressed, profile.threshold], [false, null]);
    assert.deepEqual(profile.period, { from: 2009, to: 2018 });
    assert.equal(profile.categories.length, 12, "every top-level category of the taxonomy, with or without data");
    assert.ok(profile.categories.every((c) => c.level === "category"));
    assert.equal(profile.neighbourhood.municipality.nisCode, 21004);
    assert.equal(profile.neighbourhood.names.fr, "Grand Place");
    const members = hoods.filter((h) => h.nis === 21004).map((h) => h.code);
    for (const category of profile.categories) {
      for (const [k, year] of profile.years.entries()) {
        const own = category.neighbourhood.points[k]!;
        assert.equal(own.count, count(category.code, new Set([1]), year), `${category.code} ${year}`);
        assert.equal(own.population, people([1], year));
        close(own.ratePer1000, (1000 * own.count!) / own.population!, "rate");
        assert.equal(category.municipality.points[k]!.count, count(category.code, new Set(members), year));
        assert.equal(category.municipality.points[k]!.population, people(members, year));
        assert.equal(category.region.points[k]!.count, count(category.code, null, year));
        assert.equal(category.region.points[k]!.population, people(hoods.map((h) => h.code), year));
      }
      assert.equal(category.neighbourhood.total, category.neighbourhood.points.reduce((s, p) => s + p.count!, 0));
    }
    const theft = profile.categories.find((c) => c.code === "theft")!;
    const first = theft.region.points[0]!;
    const last = theft.region.points.at(-1)!;
    close(theft.region.change!.countPercent, (100 * (last.count! - first.count!)) / first.count!, "change");
    const empty = profile.categories.find((c) => c.code === "cybercrime")!;
    assert.deepEqual([empty.neighbourhood.total, empty.neighbourhood.change?.countPercent ?? null, empty.trend, empty.rank], [0, null, null, null], "no event, no trend, no rank");
  });

  it("tests the trend, the last two years and ranks the neighbourhood among residential ones", async () => {
    const profile = await neighbourhoodProfile(ctx.db, { neighbourhood: 1, from: 2009, to: 2018, phenomena: true, analyst: true });
    const theft = profile.categories.find((c) => c.code === "theft.from_vehicle")!;
    const rates = theft.neighbourhood.points.map((p) => p.ratePer1000!);
    let s = 0;
    for (let k = 0; k < rates.length; k++) for (let l = k + 1; l < rates.length; l++) s += Math.sign(rates[l]! - rates[k]!);
    assert.equal(theft.trend!.s, s);
    assert.equal(theft.trend!.pValue, kendallExactP(10, s));
    assert.equal(theft.trend!.direction, "decreasing", "theft from vehicles falls by 61% in the synthetic series");
    assert.equal(theft.trend!.significant, true);
    const [p17, p18] = theft.neighbourhood.points.slice(-2);
    assert.equal(theft.yearOnYear!.pValue, yearOnYearTest(p17!.count!, p17!.population!, p18!.count!, p18!.population!).pValue);
    const residential = hoods.filter((h) => h.kind === "residential" && people([h.code], 2018) > 0);
    const rate = (code: number) => count("theft.from_vehicle", new Set([code]), 2018) / people([code], 2018);
    const higher = residential.filter((h) => rate(h.code) > rate(1)).length;
    assert.deepEqual(theft.rank, { year: 2018, position: higher + 1, of: residential.length });
    assert.ok(theft.rank!.position <= 10, "the Pentagon ranks high: the generator raises rates around the Grand Place");
    const codes = profile.categories.map((c) => c.code);
    assert.deepEqual(codes.slice(0, 2), ["theft", "theft.burglary_building"], "each category is followed by its phenomena");
    assert.equal(codes.length, 27);
  });

  it("clips the period to the years with data and gives the context of its last year", async () => {
    const wide = await neighbourhoodProfile(ctx.db, { neighbourhood: 8, from: 2000, to: 2030, phenomena: false, analyst: true });
    assert.deepEqual(wide.period, { from: 2009, to: 2018 });
    const short = await neighbourhoodProfile(ctx.db, { neighbourhood: 8, from: 2016, to: 2017, phenomena: false, analyst: true });
    assert.deepEqual(short.years, [2016, 2017]);
    assert.equal(short.context.year, 2017);
    assert.equal(short.context.population, people([8], 2017));
    assert.equal(short.context.regionPopulation, people(hoods.map((h) => h.code), 2017));
    close(short.context.regionShare, people([8], 2017) / people(hoods.map((h) => h.code), 2017), "share");
    const [record] = await listNeighbourhoods(ctx.db, {}, [8]);
    assert.deepEqual(short.context.indicators, record!.indicators);
    const none = await neighbourhoodProfile(ctx.db, { neighbourhood: 8, from: 2020, to: 2022, phenomena: false, analyst: true });
    assert.deepEqual([none.period, none.years, none.context.year], [null, [], 2022]);
    assert.ok(none.categories.every((c) => c.neighbourhood.points.length === 0 && c.trend === null && c.rank === null));
    await assert.rejects(neighbourhoodProfile(ctx.db, { neighbourhood: 9999, from: 2009, to: 2018, phenomena: false, analyst: true }), (e: unknown) => e instanceof AppError && e.code === "not_found");
  });

  it("suppresses small counts for other callers, with every figure derived from them", async () => {
    const data = await loadProfileData(ctx.db, { from: 2009, to: 2018, phenomena: true });
    let seen = 0;
    for (const h of hoods.filter((h) => h.kind === "residential")) {
      const open = buildProfile(data, h.code, true);
      const shut = buildProfile(data, h.code, false);
      assert.deepEqual([shut.suppressed, shut.threshold], [true, 5]);
      open.categories.forEach((category, c) => {
        const hidden = shut.categories[c]!;
        category.neighbourhood.points.forEach((p, k) => {
          const q = hidden.neighbourhood.points[k]!;
          if (p.count! > 0 && p.count! < 5) assert.equal(q.suppressed, true, `${h.code} ${category.code} ${p.year}`);
          if (q.suppressed) assert.deepEqual([q.count, q.ratePer1000, q.population], [null, null, p.population]);
          else assert.deepEqual(q, p);
        });
        const any = hidden.neighbourhood.points.some((p) => p.suppressed);
        if (any) {
          seen += 1;
          assert.equal(hidden.trend, null, "a trend over a suppressed year is withheld");
        }
        if (hidden.neighbourhood.points.at(-1)?.suppressed) assert.equal(hidden.rank, null);
        if (hidden.neighbourhood.points.slice(-2).some((p) => p.suppressed)) assert.equal(hidden.yearOnYear, null);
        assert.deepEqual(hidden.region, category.region, "the region is always published");
      });
    }
    assert.ok(seen > 100, `suppressed series seen: ${seen}`);
  });

  it("differencing: no suppressed count follows from all the profiles' answers, over several periods", async () => {
    const windows = [
      [2009, 2018],
      [2010, 2018],
      [2009, 2012],
    ];
    const answers: NeighbourhoodCrimeProfile[][] = [];
    for (const [from, to] of windows) {
      const data = await loadProfileData(ctx.db, { from: from!, to: to!, phenomena: true });
      answers.push(hoods.map((h) => buildProfile(data, h.code, false)));
    }
    // The pattern does not depend on the request: the same category with or without phenomena.
    const categoriesOnly = await loadProfileData(ctx.db, { from: 2009, to: 2018, phenomena: false });
    hoods.forEach((h, i) => {
      const drugs = (a: NeighbourhoodCrimeProfile) => a.categories.find((c) => c.code === "drugs");
      assert.deepEqual(drugs(buildProfile(categoriesOnly, h.code, false)), drugs(answers[0]![i]!));
    });
    const full = await loadProfileData(ctx.db, { from: 2009, to: 2018, phenomena: true });
    const analyst = hoods.map((h) => buildProfile(full, h.code, true));
    for (const code of ["theft.armed_robbery", "theft.car", "theft.burglary_home", "drugs"]) {
      const unknowns = suppressedNames(answers[0]!, code);
      assert.ok(unknowns.length > 0, `${code} has suppressed counts`);
      assert.deepEqual([...determined(equations(answers, code))].filter((u) => unknowns.includes(u)), [], code);
    }
    // The same attack on the same figures suppressed series by series (each list on its own) recovers counts.
    const naive = analyst.map((a) => ({ ...a, categories: a.categories.map((c) => ({ ...c, neighbourhood: perSeries(c.neighbourhood), municipality: perSeries(c.municipality) })) }));
    const leaked = [...determined(equations([naive], "theft.armed_robbery"))].filter((u) => suppressedNames(naive, "theft.armed_robbery").includes(u));
    assert.ok(leaked.length > 0, "the attack recovers counts when each series is suppressed on its own");
  });

  /** Names of the suppressed counts of a category in the answers: x<code>.<year> and m<nis>.<year>. */
  function suppressedNames(answers: NeighbourhoodCrimeProfile[], code: string): string[] {
    return answers.flatMap((a) => {
      const c = a.categories.find((k) => k.code === code)!;
      return [
        ...c.neighbourhood.points.filter((p) => p.suppressed).map((p) => `x${a.neighbourhood.code}.${p.year}`),
        ...c.municipality.points.filter((p) => p.suppressed).map((p) => `m${a.neighbourhood.municipality.nisCode}.${p.year}`),
      ];
    });
  }

  /** Every equation the published figures of one category give, over every set of answers (one per period). */
  function equations(sets: NeighbourhoodCrimeProfile[][], code: string): Equation[] {
    const out: Equation[] = [];
    for (const answers of sets) {
      const of = (a: NeighbourhoodCrimeProfile) => a.categories.find((k) => k.code === code)!;
      const term = (name: string, value: number | null): [string, number] | number => (value === null ? [name, 1] : value);
      const add = (terms: ([string, number] | number)[], signs: number[], rhs: number) => {
        const unknown: [string, number][] = [];
        terms.forEach((t, k) => (typeof t === "number" ? (rhs -= signs[k]! * t) : unknown.push([t[0], signs[k]!])));
        out.push(equation(unknown, rhs));
      };
      const years = answers[0]!.years;
      const municipalities = new Map<number, NeighbourhoodCrimeProfile[]>();
      for (const a of answers) municipalities.set(a.neighbourhood.municipality.nisCode, [...(municipalities.get(a.neighbourhood.municipality.nisCode) ?? []), a]);
      for (const a of answers) {
        const own = of(a).neighbourhood;
        if (own.total !== null) add(own.points.map((p) => term(`x${a.neighbourhood.code}.${p.year}`, p.count)), own.points.map(() => 1), own.total);
      }
      for (const [nis, members] of municipalities) {
        const series: AreaSeries = of(members[0]!).municipality;
        for (const m of members) assert.deepEqual(of(m).municipality, series, "one municipality, one published series");
        if (series.total !== null) add(series.points.map((p) => term(`m${nis}.${p.year}`, p.count)), series.points.map(() => 1), series.total);
        years.forEach((year, k) => {
          const cells = members.map((m) => term(`x${m.neighbourhood.code}.${year}`, of(m).neighbourhood.points[k]!.count));
          add([...cells, term(`m${nis}.${year}`, series.points[k]!.count)], [...cells.map(() => 1), -1], 0);
        });
      }
      years.forEach((year, k) => {
        const region = of(answers[0]!).region.points[k]!.count!;
        // The region minus every other neighbourhood's published count, and minus every other municipality's.
        add(answers.map((a) => term(`x${a.neighbourhood.code}.${year}`, of(a).neighbourhood.points[k]!.count)), answers.map(() => 1), region);
        const firsts = [...municipalities].map(([nis, members]) => term(`m${nis}.${year}`, of(members[0]!).municipality.points[k]!.count));
        add(firsts, firsts.map(() => 1), region);
      });
    }
    return out;
  }
});

/** A series suppressed on its own: primary counts, then one complement (smallest positive) when one is suppressed. */
function perSeries(series: AreaSeries): AreaSeries {
  const counts = series.points.map((p) => p.count!);
  const hidden = counts.map((v) => v > 0 && v < 5);
  if (hidden.filter(Boolean).length === 1) {
    const open = counts.map((v, k) => [v, k] as const).filter(([, k]) => !hidden[k]);
    const best = open.sort((a, b) => (a[0] || Infinity) - (b[0] || Infinity))[0];
    if (best) hidden[best[1]] = true;
  }
  return { ...series, points: series.points.map((p, k) => (hidden[k] ? { ...p, count: null, ratePer1000: null, suppressed: true } : p)) };
}
