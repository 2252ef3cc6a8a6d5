import assert from "node:assert/strict";
import { before, it } from "node:test";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { anonymous, signIn, testApp, type Client } from "../../../test/helpers/http.js";
import type { App } from "../../server/app.js";

forEachDatabase("territory routes", (ctx) => {
  let app: App;
  let fr: Client;
  let nl: Client;

  before(async () => {
    app = testApp(ctx.db);
    fr = await signIn(app, "viewer@bps.demo");
    nl = await signIn(app, "editor@stib.demo");
  });

  it("401 for an anonymous caller, on every kind of route", async () => {
    const guest = anonymous(app);
    for (const path of ["/api/territory/neighbourhoods", "/api/territory/geojson/neighbourhoods", "/api/territory/export?level=municipalities"]) {
      assert.equal((await guest.request("GET", path)).status, 401, path);
    }
    assert.equal((await guest.request("POST", "/api/territory/apportion", { values: [{ neighbourhood: 1, value: 1 }] })).status, 401);
  });

  it("lists zones, municipalities and neighbourhoods with names in the user's language and both names", async () => {
    const zones = await fr.json("GET", "/api/territory/police-zones");
    assert.equal(zones.status, 200);
    assert.equal(zones.body.length, 6);
    const zone = await nl.json("GET", "/api/territory/police-zones/5341");
    assert.deepEqual([zone.body.name, zone.body.names], ["Zuid", { fr: "Midi", nl: "Zuid" }]);

    const municipalities = await nl.json("GET", "/api/territory/municipalities");
    assert.equal(municipalities.body.length, 19);
    const brussels = await fr.json("GET", "/api/territory/municipalities/21004");
    assert.equal(brussels.body.name, "Bruxelles");
    assert.deepEqual(brussels.body.postalCodes.slice(0, 2), ["1000", "1020"]);
    assert.equal(brussels.body.policeZoneId, 5339);
    assert.ok(brussels.body.neighbourhoods.includes(1));

    const residential = await nl.json("GET", "/api/territory/neighbourhoods?kind=residential");
    assert.equal(residential.body.length, 118);
    const north = residential.body.find((n: { code: number }) => n.code === 21);
    assert.equal(north.name, north.names.nl);
    assert.equal(north.primaryMunicipality.name, "Brussel");
    assert.deepEqual(north.municipalities.map((m: { nisCode: number }) => m.nisCode), [21004, 21015, 21014]);
    assert.deepEqual(north.policeZones, [5339, 5344]);
  });

  it("falls back to French names in English", async () => {
    const en = await signIn(app, "viewer@police-school.demo");
    assert.equal((await en.json("PATCH", "/api/account", { locale: "en" })).status, 200);
    const zone = await en.json("GET", "/api/territory/police-zones/5344");
    assert.deepEqual([zone.body.name, zone.body.names.nl], ["Bruxelles-Nord", "Brussel-Noord"]);
  });

  it("filters neighbourhoods by any municipality they span", async () => {
    const res = await fr.json("GET", "/api/territory/neighbourhoods?municipality=21014");
    assert.equal(res.status, 200);
    assert.ok(res.body.some((n: { code: number; primaryMunicipality: { nisCode: number } }) => n.code === 21 && n.primaryMunicipality.nisCode === 21004));
    assert.equal((await fr.json("GET", "/api/territory/neighbourhoods?municipality=99999")).status, 404);
  });

  it("returns the neighbourhood profile with its series", async () => {
    const res = await fr.json("GET", "/api/territory/neighbourhoods/1");
    assert.equal(res.status, 200);
    assert.equal(res.body.name, "Grand Place");
    assert.equal(res.body.population, 3993);
    assert.equal(res.body.series.length, 32);
    assert.deepEqual(res.body.series[31], {
      year: 2025,
      population: 3993,
      foreignNationals: 2311,
      foreignShare: 57.88,
      nationalities: res.body.series[31].nationalities,
    });
    assert.equal(res.body.series[31].nationalities.eu14, 31.93);
  });

  it("400 naming the field for invalid input; 404 with the entity for unknown codes", async () => {
    const badVariable = await fr.json("GET", "/api/territory/choropleth?variable=crime");
    assert.equal(badVariable.status, 400);
    assert.equal(badVariable.body.error.fields[0].field, "query.variable");
    const badYear = await fr.json("GET", "/api/territory/choropleth?variable=population&year=1990");
    assert.equal(badYear.status, 400);
    assert.equal(badYear.body.error.fields[0].field, "query.year");
    assert.equal((await fr.json("GET", "/api/territory/locate?lon=abc&lat=50.8")).body.error.fields[0].field, "query.lon");
    assert.equal((await fr.json("GET", "/api/territory/geojson/streets")).status, 400);
    assert.equal((await fr.json("GET", "/api/territory/neighbourhoods?kind=forest")).status, 400);
    assert.equal((await fr.json("POST", "/api/territory/apportion", { values: [] })).status, 400);

    const missing = await fr.json("GET", "/api/territory/neighbourhoods/119");
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, "not_found");
    assert.match(missing.body.error.message, /quartier 119/i, "names the entity in the reader's language");
    assert.equal((await fr.json("GET", "/api/territory/municipalities/21020")).status, 404);
    assert.equal((await fr.json("GET", "/api/territory/police-zones/1")).status, 404);
  });

  it("serves cacheable GeoJSON and answers 304 to a matching If-None-Match", async () => {
    const res = await fr.request("GET", "/api/territory/geojson/neighbourhoods");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type")!, /^application\/geo\+json/);
    assert.equal(res.headers.get("cache-control"), "private, max-age=3600");
    const etag = res.headers.get("etag")!;
    assert.match(etag, /^"[\w-]+"$/);
    const simplified = await res.text();
    const fc = JSON.parse(simplified);
    assert.equal(fc.type, "FeatureCollection");
    assert.equal(fc.features.length, 145);
    assert.deepEqual(Object.keys(fc.features[0].properties), ["code", "name_fr", "name_nl", "kind", "primaryMunicipality"]);

    const again = await fr.request("GET", "/api/territory/geojson/neighbourhoods", undefined, { "if-none-match": etag });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), "");

    const full = await fr.request("GET", "/api/territory/geojson/neighbourhoods?detail=full");
    assert.notEqual(full.headers.get("etag"), etag);
    assert.ok((await full.text()).length > simplified.length * 1.5);
    const zones = JSON.parse(await (await nl.request("GET", "/api/territory/geojson/police-zones")).text());
    assert.deepEqual(zones.features[0].properties, { code: 5339, name_fr: "Bruxelles-Capitale/Ixelles", name_nl: "Brussel-Hoofdstad/Elsene" });
  });

  it("maps a variable with breaks", async () => {
    const res = await fr.json("GET", "/api/territory/choropleth?variable=foreign_share&year=2010");
    assert.equal(res.status, 200);
    assert.equal(res.body.year, 2010);
    assert.equal(res.body.unit, "percent");
    assert.equal(res.body.values.length, 145);
    assert.equal(res.body.breaks.length, 6);
    assert.match(res.body.source, /Monitoring des Quartiers/);
    const cpas = await fr.json("GET", "/api/territory/choropleth?variable=cpas&year=2010");
    assert.equal(cpas.body.year, 2023);
  });

  it("locates a point", async () => {
    const res = await nl.json("GET", "/api/territory/locate?lon=4.3525&lat=50.8467");
    assert.deepEqual(res.body, {
      neighbourhood: { code: 1, name: "Grote Markt" },
      municipality: { nisCode: 21004, name: "Brussel" },
      policeZone: { id: 5339, name: "Brussel-Hoofdstad/Elsene" },
    });
    const outside = await nl.json("GET", "/api/territory/locate?lon=3.2&lat=51.2");
    assert.deepEqual(outside.body, { neighbourhood: null, municipality: null, policeZone: null });
  });

  it("apportions neighbourhood values over municipalities, keeping the total", async () => {
    const res = await fr.json("POST", "/api/territory/apportion", { values: [{ neighbourhood: 30, value: 100 }, { neighbourhood: 1, value: 5 }] });
    assert.equal(res.status, 200);
    assert.equal(res.body.municipalities.length, 19);
    const sum = res.body.municipalities.reduce((s: number, m: { value: number }) => s + m.value, 0);
    assert.ok(Math.abs(sum - 105) < 1e-9);
    const etterbeek = res.body.municipalities.find((m: { nisCode: number }) => m.nisCode === 21005);
    assert.equal(etterbeek.name, "Etterbeek");
    assert.ok(Math.abs(etterbeek.value - 30.66 / 0.9999) < 1e-9);
    const unknown = await fr.json("POST", "/api/territory/apportion", { values: [{ neighbourhood: 4242, value: 1 }] });
    assert.equal(unknown.status, 404);
  });

  it("exports CSV and GeoJSON as attachments", async () => {
    const res = await fr.request("GET", "/api/territory/export?level=neighbourhoods&format=csv");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type")!, /^text\/csv/);
    assert.equal(res.headers.get("content-disposition"), 'attachment; filename="vigil-territory-neighbourhoods.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte-order mark");
    const text = new TextDecoder().decode(bytes);
    assert.equal(text.trim().split("\r\n").length, 146);
    assert.ok(text.includes("Molière - Longchamp"));

    const geo = await fr.request("GET", "/api/territory/export?level=police-zones&format=geojson");
    assert.match(geo.headers.get("content-type")!, /^application\/geo\+json/);
    assert.match(geo.headers.get("content-disposition")!, /vigil-territory-police-zones\.geojson/);
    assert.equal(JSON.parse(await geo.text()).features.length, 6);
  });

  it("describes every territory route in the OpenAPI document", async () => {
    const doc = await (await fr.request("GET", "/api/openapi.json")).json() as { paths: Record<string, unknown> };
    for (const path of ["/api/territory/neighbourhoods/{code}", "/api/territory/geojson/{level}", "/api/territory/apportion", "/api/territory/export"]) {
      assert.ok(doc.paths[path], path);
    }
  });
});
