/**
 * The public (anonymous) observatory API on both dialects, with a batch built here that has
 * small counts everywhere (cells, a neighbourhood's total, a category's regional total):
 * published years, suppressed cells, open data, errors, and an attacker who gathers every
 * public answer and subtracts them from each other (row and column totals, grand totals,
 * series totals) without recovering anything hidden.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { before, it } from "node:test";
import { parse } from "csv-parse/sync";
import type { App } from "../../server/app.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { anonymous, signIn, testApp, type Client } from "../../../test/helpers/http.js";
import { createRng } from "./stats/random.js";

const YEARS = [2017, 2018];
const base = "/api/public/observatory";

/** Yearly counts per neighbourhood and category, known here independently of the SQL. */
type Truth = Map<string, number>;
const key = (year: number, code: number | string, category: string) => `${year}|${code}|${category}`;

/** Public knowledge gathered by the attacker: every figure some answer published. */
interface Knowledge {
  cells: Map<string, number>;
  rowTotals: Map<string, number>;
  columnTotals: Map<string, number>;
  totals: Map<number, number>;
  seriesTotals: Map<string, number>;
}

/** Records a published figure; two answers giving different values for it would be a fault. */
function learn(map: Map<string, number> | Map<number, number>, k: string | number, value: unknown): void {
  if (value === null || value === undefined || value === "") return;
  const v = Number(value);
  const known = (map as Map<string | number, number>).get(k);
  assert.ok(known === undefined || known === v, `two answers disagree on ${k}: ${known} and ${v}`);
  (map as Map<string | number, number>).set(k, v);
}

/**
 * The differencing attack over every answer at once: in any row, column, year or series with
 * a published total and exactly one unknown part, the part is the total minus the others (and
 * an unknown total is the sum of known parts); repeated until nothing more comes out.
 */
function attack(k: Knowledge, codes: number[], categories: string[]): Knowledge {
  const out: Knowledge = { cells: new Map(k.cells), rowTotals: new Map(k.rowTotals), columnTotals: new Map(k.columnTotals), totals: new Map(k.totals), seriesTotals: new Map(k.seriesTotals) };
  const solve = (total: number | undefined, parts: (number | undefined)[], set: (index: number, v: number) => void, setTotal: (v: number) => void): boolean => {
    const unknown = parts.flatMap((p, i) => (p === undefined ? [i] : []));
    const sum = parts.reduce<number>((s, p) => s + (p ?? 0), 0);
    if (total !== undefined && unknown.length === 1) return set(unknown[0]!, total - sum), true;
    if (total === undefined && unknown.length === 0) return setTotal(sum), true;
    return false;
  };
  for (let progress = true; progress; ) {
    progress = false;
    for (const year of YEARS) {
      for (const code of codes) {
        progress =
          solve(out.rowTotals.get(`${year}|${code}`), categories.map((c) => out.cells.get(key(year, code, c))), (i, v) => out.cells.set(key(year, code, categories[i]!), v), (v) => out.rowTotals.set(`${year}|${code}`, v)) || progress;
      }
      for (const c of categories) {
        progress =
          solve(out.columnTotals.get(`${year}|${c}`), codes.map((code) => out.cells.get(key(year, code, c))), (i, v) => out.cells.set(key(year, codes[i]!, c), v), (v) => out.columnTotals.set(`${year}|${c}`, v)) || progress;
      }
      progress = solve(out.totals.get(year), codes.map((code) => out.rowTotals.get(`${year}|${code}`)), (i, v) => out.rowTotals.set(`${year}|${codes[i]}`, v), (v) => out.totals.set(year, v)) || progress;
      progress = solve(out.totals.get(year), categories.map((c) => out.columnTotals.get(`${year}|${c}`)), (i, v) => out.columnTotals.set(`${year}|${categories[i]}`, v), (v) => out.totals.set(year, v)) || progress;
    }
    for (const c of categories) {
      progress = solve(out.seriesTotals.get(c), YEARS.map((y) => out.columnTotals.get(`${y}|${c}`)), (i, v) => out.columnTotals.set(`${YEARS[i]}|${c}`, v), (v) => out.seriesTotals.set(c, v)) || progress;
    }
  }
  return out;
}

forEachDatabase("public observatory API", (ctx) => {
  let app: App;
  let visitor: Client;
  let analyst: Client;
  let categories: string[] = [];
  let codes: number[] = [];
  const truth: Truth = new Map();

  before(async () => {
    app = testApp(ctx.db);
    visitor = anonymous(app);
    analyst = await signIn(app, "analyst@bps.demo");
    const taxonomy = await ctx.db.selectFrom("crime_taxonomies").select("id").where("status", "=", "active").executeTakeFirstOrThrow();
    const rows = await ctx.db.selectFrom("crime_categories").select(["id", "code", "level"]).where("taxonomy_id", "=", taxonomy.id).orderBy("position").orderBy("id").execute();
    categories = rows.filter((r) => r.level === "category").map((r) => r.code);
    codes = (await ctx.db.selectFrom("neighbourhoods").select("code").orderBy("code").execute()).map((n) => n.code);
    const residential = (await ctx.db.selectFrom("neighbourhoods").select("code").where("kind", "=", "residential").orderBy("code").execute()).map((n) => n.code);
    const idOf = new Map(rows.map((r) => [r.code, r.id]));

    // 30 neighbourhoods with large theft and damage, drugs often small, fraud sparse; weapons
    // rare (a regional total of 3 in 2018); one neighbourhood with 2 facts in all of 2018;
    // small car thefts (a phenomenon, never published apart); 2019 unpublished.
    const rng = createRng(515);
    const yearly: { code: number; category: string; year: number; count: number }[] = [];
    for (const year of [...YEARS, 2019]) {
      for (const code of residential.slice(0, 30)) {
        yearly.push({ code, category: "theft", year, count: 20 + rng.int(180) });
        yearly.push({ code, category: "damage", year, count: 10 + rng.int(70) });
        yearly.push({ code, category: "drugs", year, count: rng.next() < 0.3 ? 1 + rng.int(4) : 5 + rng.int(25) });
        yearly.push({ code, category: "fraud", year, count: rng.next() < 0.7 ? 0 : 1 + rng.int(9) });
        yearly.push({ code, category: "theft.car", year, count: 1 + rng.int(3) });
      }
    }
    yearly.push({ code: residential[3]!, category: "weapons", year: 2018, count: 3 });
    yearly.push({ code: residential[4]!, category: "weapons", year: 2017, count: 4 }, { code: residential[5]!, category: "weapons", year: 2017, count: 6 });
    yearly.push({ code: residential[40]!, category: "damage", year: 2018, count: 2 });
    for (const r of yearly) if (categories.includes(r.category)) truth.set(key(r.year, r.code, r.category), (truth.get(key(r.year, r.code, r.category)) ?? 0) + r.count);

    const batch = await ctx.db
      .insertInto("observatory_batches")
      .values({
        batch_key: "test|aggregated|2017-01-01|2019-12-31",
        grain: "aggregated",
        source: "test",
        period_start: "2017-01-01",
        period_end: "2019-12-31",
        taxonomy_id: taxonomy.id,
        filename: "test.csv",
        sha256: "0".repeat(64),
        rows: yearly.length * 2,
        is_synthetic: 0,
        imported_by: null,
        imported_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Each yearly count split over March and September (the queries add months up).
    const monthly = yearly.flatMap((r) =>
      [
        [`${r.year}-03`, Math.floor(r.count / 2)],
        [`${r.year}-09`, r.count - Math.floor(r.count / 2)],
      ]
        .filter(([, n]) => Number(n) > 0)
        .map(([month, n]) => ({ batch_id: batch.id, neighbourhood_code: r.code, category_id: idOf.get(r.category)!, month: String(month), count: Number(n) })),
    );
    await ctx.db.insertInto("crime_counts").values(monthly).execute();
  });

  const publish = async (year: number, status: string) => {
    const manifest = "{}";
    await ctx.db
      .insertInto("observatory_publications")
      .values({
        kind: "annual_report",
        year,
        title_fr: `Rapport ${year}`,
        title_nl: `Verslag ${year}`,
        title_en: `Report ${year}`,
        status,
        manifest,
        manifest_sha256: createHash("sha256").update(manifest).digest("hex"),
        created_by: null,
        created_at: new Date().toISOString(),
        published_by: null,
        published_at: status === "published" ? new Date().toISOString() : null,
      })
      .execute();
  };
  const count = (year: number, code: number, category: string) => truth.get(key(year, code, category)) ?? 0;

  it("publishes nothing before a report is published", async () => {
    await publish(2019, "draft");
    const { status, body } = await visitor.json("GET", `${base}/years`);
    assert.equal(status, 200);
    assert.deepEqual([body.years, body.latest], [[], null]);
    const figures = await visitor.json("GET", `${base}/figures`);
    assert.equal(figures.status, 400);
    assert.equal(figures.body.error.fields[0].field, "query.year");
    assert.equal(figures.body.error.fields[0].message, "Aucun chiffre n'a encore été publié.");
    const catalogue = await visitor.json("GET", `${base}/open-data`);
    assert.deepEqual([catalogue.status, catalogue.body["dcat:dataset"]], [200, []]);
  });

  it("publishes the years of the data up to the last published report, and the top-level categories in the caller's language", async () => {
    await publish(2018, "published");
    const { body } = await visitor.json("GET", `${base}/years`);
    assert.deepEqual(body, { years: YEARS, latest: 2018, threshold: 5, synthetic: false });
    const nl = await visitor.request("GET", `${base}/categories`, undefined, { "accept-language": "nl" });
    const listed = ((await nl.json()) as { categories: { code: string; label: string; labels: { nl: string } }[] }).categories;
    assert.deepEqual(listed.map((c) => c.code), categories);
    assert.ok(listed.every((c) => c.label === c.labels.nl));
  });

  it("answers a bare GET of the figures with the last published year and theft, equal to the counts, rates from published counts only", async () => {
    const { status, body } = await visitor.json("GET", `${base}/figures`);
    assert.equal(status, 200);
    assert.deepEqual([body.year, body.category.code, body.threshold, body.neighbourhoods.length], [2018, "theft", 5, 145]);
    for (const n of body.neighbourhoods) {
      assert.equal(n.count, n.suppressed ? null : count(2018, n.code, "theft"), `theft in ${n.code}`);
      assert.equal(n.ratePer1000, n.population && !n.suppressed ? (1000 * n.count) / n.population : null);
    }
    assert.ok(body.neighbourhoods.filter((n: { suppressed: boolean }) => !n.suppressed).length > 130, "large counts stay published");
    assert.equal(body.region.count, [...truth].filter(([k]) => k.startsWith("2018|") && k.endsWith("|theft")).reduce((s, [, v]) => s + v, 0));
  });

  it("hides every count from 1 to 4 (null + suppressed) in cells, totals and the series, and an analyst gets the same public answer", async () => {
    let hidden = 0;
    for (const year of YEARS) {
      for (const category of categories) {
        const path = `${base}/figures?year=${year}&category=${category}`;
        const { body } = await visitor.json("GET", path);
        for (const n of body.neighbourhoods) {
          const truthful = count(year, n.code, category);
          if (truthful > 0 && truthful < 5) assert.deepEqual([n.count, n.ratePer1000, n.suppressed], [null, null, true], `${path} ${n.code}`);
          if (n.suppressed) hidden += 1;
          else assert.equal(n.count, truthful);
          for (const v of [n.count, n.total]) assert.ok(v === null || v === 0 || v >= 5);
        }
        for (const v of [body.region.count, body.region.total]) assert.ok(v === null || v === 0 || v >= 5);
        assert.deepEqual((await analyst.json("GET", path)).body, body, "the public view, whoever asks");
      }
    }
    assert.ok(hidden > 20, `${hidden} cells hidden`);
    const weapons = await visitor.json("GET", `${base}/series?category=weapons`);
    assert.deepEqual(weapons.body.points.find((p: { year: number }) => p.year === 2018), { year: 2018, count: null, suppressed: true }, "a regional total of 3");
    assert.deepEqual([weapons.body.total, weapons.body.totalSuppressed], [null, true], "no series total while a year is hidden");
    const theft = await visitor.json("GET", `${base}/series?category=theft`);
    assert.equal(theft.body.total, [...truth].filter(([k]) => k.endsWith("|theft") && YEARS.some((y) => k.startsWith(`${y}|`))).reduce((s, [, v]) => s + v, 0));
  });

  it("refuses unpublished years, unknown or sub-level categories and unknown datasets with translated errors", async () => {
    const y2019 = await visitor.json("GET", `${base}/figures?year=2019`);
    assert.deepEqual([y2019.status, y2019.body.error.fields[0].field], [400, "query.year"]);
    assert.equal(y2019.body.error.fields[0].message, "Les chiffres de 2019 ne sont pas publiés ; années publiées : 2017 à 2018.");
    assert.equal((await visitor.json("GET", `${base}/figures?year=2016`)).status, 400);
    for (const category of ["nope", "theft.car"]) {
      const res = await visitor.json("GET", `${base}/figures?category=${category}`);
      assert.deepEqual([res.status, res.body.error.code], [404, "not_found"], category);
    }
    const en = await visitor.request("GET", `${base}/open-data/neighbourhoods-2019`, undefined, { "accept-language": "en" });
    const body = (await en.json()) as { error: { fields: { field: string; message: string }[] } };
    assert.equal(en.status, 404);
    assert.deepEqual(body.error.fields.map((f) => [f.field, f.message]), [["params.dataset", 'There is no open dataset called "neighbourhoods-2019"; the catalogue (open-data) lists them.']]);
    assert.equal((await visitor.request("GET", `${base}/open-data/region-series?format=geojson`)).status, 400);
  });

  it("describes the open data as a DCAT-AP catalogue whose every download answers", async () => {
    const { body } = await visitor.json("GET", `${base}/open-data`);
    assert.equal(body["@type"], "dcat:Catalog");
    const datasets = body["dcat:dataset"] as Record<string, any>[];
    assert.deepEqual(datasets.map((d) => d["dct:identifier"]), ["neighbourhoods-2018", "neighbourhoods-2017", "region-series"]);
    for (const d of datasets) {
      for (const field of ["dct:title", "dct:description"]) assert.deepEqual(d[field].map((t: { "@language": string }) => t["@language"]), ["fr", "nl", "en"]);
      assert.equal(d["dct:publisher"]["foaf:name"][0]["@value"], "Bruxelles Prévention & Sécurité");
      assert.ok(d["dct:rights"]["rdfs:label"][2]["@value"].startsWith("Crime facts registered by the federal police"));
      assert.equal(d["dct:license"], undefined, "no licence claimed for real figures whose source states none");
      assert.match(d["dct:issued"], /^\d{4}-\d\d-\d\dT/);
      assert.equal(d["dct:spatial"]["skos:prefLabel"][0]["@value"], "Région de Bruxelles-Capitale");
      for (const dist of d["dcat:distribution"]) {
        const res = await visitor.request("GET", new URL(dist["dcat:downloadURL"]["@id"]).pathname + new URL(dist["dcat:downloadURL"]["@id"]).search);
        assert.equal(res.status, 200, dist["@id"]);
        assert.equal(res.headers.get("content-type"), dist["dcat:mediaType"]["@id"].includes("csv") ? "text/csv; charset=utf-8" : "application/geo+json");
        assert.match(res.headers.get("content-disposition") ?? "", /^attachment; filename="vigil-[a-z0-9-]+\.(csv|geojson)"$/);
      }
    }
    assert.deepEqual(datasets[1]!["dct:temporal"]["dcat:startDate"]["@value"], "2017-01-01");
    assert.deepEqual(datasets[2]!["dcat:distribution"].map((x: Record<string, string>) => x["dct:title"]), ["vigil-region-series.csv"]);
  });

  it("serves the neighbourhood boundaries to anyone", async () => {
    const res = await visitor.request("GET", `${base}/geometry`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { features: unknown[] }).features.length, 145);
  });

  it("lets no attacker recover a hidden figure by subtracting public answers from each other", async () => {
    const known: Knowledge = { cells: new Map(), rowTotals: new Map(), columnTotals: new Map(), totals: new Map(), seriesTotals: new Map() };
    const hidden: string[] = [];
    for (const year of YEARS) {
      for (const category of categories) {
        const { body } = await visitor.json("GET", `${base}/figures?year=${year}&category=${category}`);
        for (const n of body.neighbourhoods) {
          learn(known.cells, key(year, n.code, category), n.count);
          learn(known.rowTotals, `${year}|${n.code}`, n.total);
          if (n.suppressed) hidden.push(`cell ${key(year, n.code, category)}`);
          if (n.totalSuppressed) hidden.push(`row ${year}|${n.code}`);
        }
        learn(known.columnTotals, `${year}|${category}`, body.region.count);
        learn(known.totals, year, body.region.total);
        if (body.region.suppressed) hidden.push(`column ${year}|${category}`);
      }
      // The open data of the year: CSV (with the region row) and GeoJSON.
      const csv = parse(await (await visitor.request("GET", `${base}/open-data/neighbourhoods-${year}?format=csv`)).text(), { columns: true, bom: true }) as Record<string, string>[];
      assert.equal(csv.length, 146);
      for (const row of csv) {
        for (const category of [...categories, "total"]) {
          const v = row[category]!;
          assert.ok(v === "" || Number(v) === 0 || Number(v) >= 5, `CSV ${year} ${row.neighbourhood} ${category}: ${v}`);
          if (row.neighbourhood === "") {
            if (category === "total") learn(known.totals, year, v);
            else learn(known.columnTotals, `${year}|${category}`, v);
          } else if (category === "total") learn(known.rowTotals, `${year}|${row.neighbourhood}`, v);
          else learn(known.cells, key(year, row.neighbourhood!, category), v);
        }
      }
      const geo = JSON.parse(await (await visitor.request("GET", `${base}/open-data/neighbourhoods-${year}?format=geojson`)).text()) as { features: { properties: Record<string, number | null> }[] };
      assert.equal(geo.features.length, 145);
      for (const f of geo.features) {
        for (const category of categories) learn(known.cells, key(year, f.properties.neighbourhood!, category), f.properties[category]);
        learn(known.rowTotals, `${year}|${f.properties.neighbourhood}`, f.properties.total);
      }
    }
    for (const category of categories) {
      const { body } = await visitor.json("GET", `${base}/series?category=${category}`);
      for (const p of body.points) learn(known.columnTotals, `${p.year}|${category}`, p.count);
      learn(known.seriesTotals, category, body.total);
    }
    const series = parse(await (await visitor.request("GET", `${base}/open-data/region-series`)).text(), { columns: true, bom: true }) as Record<string, string>[];
    for (const row of series) for (const category of categories) learn(known.columnTotals, `${row.year}|${category}`, row[category]);

    const learnt = attack(known, codes, categories);
    const recovered = hidden.filter((h) => {
      const [kind, id] = h.split(" ") as [string, string];
      if (kind === "cell") return learnt.cells.has(id);
      return (kind === "row" ? learnt.rowTotals : learnt.columnTotals).has(id);
    });
    assert.deepEqual(recovered, []);
    assert.ok(hidden.some((h) => h.startsWith("row")) && hidden.some((h) => h.startsWith("column")), "small totals are hidden too");
    // Bounds: a hidden small count's row or column leaves room for at least 5 (nobody can prove it small).
    for (const h of hidden.filter((x) => x.startsWith("cell"))) {
      const [year, code, category] = h.slice(5).split("|") as [string, string, string];
      const v = count(Number(year), Number(code), category);
      if (v === 0 || v >= 5) continue;
      const room = (total: number | undefined, parts: (number | undefined)[]) => (total === undefined ? Infinity : total - parts.reduce<number>((s, p) => s + (p ?? 0), 0));
      const row = room(learnt.rowTotals.get(`${year}|${code}`), categories.map((c) => learnt.cells.get(key(Number(year), code, c))));
      const column = room(learnt.columnTotals.get(`${year}|${category}`), codes.map((c) => learnt.cells.get(key(Number(year), c, category))));
      assert.ok(Math.min(row, column) >= 5, `${h}: at most ${Math.min(row, column)}`);
    }
  });

  it("flags synthetic data and then gives away the figures under CC0", async () => {
    const taxonomy = await ctx.db.selectFrom("crime_taxonomies").select("id").where("status", "=", "active").executeTakeFirstOrThrow();
    await ctx.db
      .insertInto("observatory_batches")
      .values({
        batch_key: "synthetic-demo|aggregated|2018-01-01|2018-12-31",
        grain: "aggregated",
        source: "synthetic-demo",
        period_start: "2018-01-01",
        period_end: "2018-12-31",
        taxonomy_id: taxonomy.id,
        filename: "generated",
        sha256: "1".repeat(64),
        rows: 0,
        is_synthetic: 1,
        imported_by: null,
        imported_at: new Date().toISOString(),
      })
      .execute();
    assert.equal((await visitor.json("GET", `${base}/years`)).body.synthetic, true);
    assert.equal((await visitor.json("GET", `${base}/figures`)).body.synthetic, true);
    const dataset = (await visitor.json("GET", `${base}/open-data`)).body["dcat:dataset"][0];
    assert.equal(dataset["dct:license"]["@id"], "http://creativecommons.org/publicdomain/zero/1.0/");
    assert.ok(dataset["dct:rights"]["rdfs:label"][2]["@value"].startsWith("Synthetic demonstration figures"));
  });
});
