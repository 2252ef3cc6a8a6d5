/**
 * Offline, reproducible preparation of the territory geometries shipped in data/brussels/derived.
 *
 *   node --import tsx scripts/prepare-territory.ts
 *
 * For each layer (neighbourhoods, municipalities, police zones) it reads the original
 * GeoJSON, repairs invalid shapes (polygon-clipping union of the shape with itself, the
 * equivalent of buffer(0)), rounds coordinates to 6 decimals (about 0.1 m), removes the
 * hole slivers under 10 m² that rounding or repair may leave, orients rings as RFC 7946
 * asks, and writes `<layer>.geojson` (full) and `<layer>.simplified.geojson` (for the
 * browser: Douglas-Peucker per shared boundary, see territory.simplify.ts). The method is
 * described in data/brussels/ATTRIBUTION.md. Same input, same output, byte for byte.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import polygonClipping from "polygon-clipping";
import {
  multiPolygonArea,
  ringArea,
  toMultiPolygon,
  validityProblems,
  type Geometry,
  type MultiPolygon,
  type Position,
  type Ring,
} from "../src/modules/territory/territory.geo.js";
import { simplifyLayer } from "../src/modules/territory/territory.simplify.js";

const DATA = new URL("../data/brussels/", import.meta.url);
const OUT = new URL("derived/", DATA);

/** Degrees; about 5 m north-south and 3.5 m east-west at Brussels' latitude. */
export const SIMPLIFY_TOLERANCE = 0.00005;
const SLIVER_M2 = 10;

/**
 * Listed as invalid in SOURCES.md (two parts meeting at a single vertex, which strict
 * validators reject as a self-intersection): always put through the repair, whatever our
 * own check says. Any other shape that our check finds invalid is repaired too.
 */
const KNOWN_INVALID: Record<string, number[]> = { neighbourhoods: [109, 905] };

interface Layer {
  name: "neighbourhoods" | "municipalities" | "police_zones";
  source: string;
  code: (properties: Record<string, unknown>) => number;
}

const layers: Layer[] = [
  // mdzone is a float such as 36.0; inspire_id is NOT the mdzone.
  { name: "neighbourhoods", source: "neighbourhoods/monitoring_quartiers_145.geojson", code: (p) => Math.round(Number(p.mdzone)) },
  { name: "municipalities", source: "municipalities/communes_19.geojson", code: (p) => Number(p.national_code) },
  { name: "police_zones", source: "police_zones/police_zones.geojson", code: (p) => Number(p.zone_id) },
];

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function roundShape(shape: MultiPolygon): MultiPolygon {
  return shape.map((polygon) =>
    polygon.map((ring) =>
      ring.map(([x, y]): Position => [round6(x), round6(y)]).filter((p, i, all) => i === 0 || p[0] !== all[i - 1]![0] || p[1] !== all[i - 1]![1]),
    ),
  );
}

/** Signed area in degrees² (positive when counter-clockwise). */
function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return sum / 2;
}

/** RFC 7946 right-hand rule: outer rings counter-clockwise, holes clockwise. */
function orient(shape: MultiPolygon): MultiPolygon {
  return shape.map((polygon) =>
    polygon.map((ring, i) => ((signedArea(ring) > 0) === (i === 0) ? ring : [...ring].reverse())),
  );
}

const dropSlivers = (shape: MultiPolygon): MultiPolygon =>
  shape.map(([outer, ...holes]) => [outer!, ...holes.filter((h) => ringArea(h) >= SLIVER_M2)]);

const union = (shape: MultiPolygon): MultiPolygon => polygonClipping.union(shape as polygonClipping.MultiPolygon) as MultiPolygon;

function clean(layer: Layer, code: number, original: MultiPolygon, log: string[]): MultiPolygon {
  let shape = original;
  const problems = validityProblems(original);
  if (problems.length || KNOWN_INVALID[layer.name]?.includes(code)) {
    shape = union(original);
    log.push(`${layer.name} ${code}: repaired (${problems.length ? problems[0] : "listed in SOURCES.md"}) -> ${shape.length} part(s)`);
  }
  shape = dropSlivers(roundShape(shape));
  for (let pass = 1; validityProblems(shape).length; pass++) {
    if (pass > 5) throw new Error(`${layer.name} ${code} still invalid: ${validityProblems(shape)[0]}`);
    const first = validityProblems(shape)[0];
    shape = dropSlivers(roundShape(union(shape)));
    log.push(`${layer.name} ${code}: rounding to 6 decimals made it invalid (${first}); repaired again`);
  }
  const before = multiPolygonArea(original), after = multiPolygonArea(shape);
  if (Math.abs(after - before) / before > 0.001) throw new Error(`${layer.name} ${code}: area changed by more than 0.1%`);
  return orient(shape);
}

function write(name: string, features: { code: number; shape: MultiPolygon }[]): number {
  const lines = features.map((f) =>
    JSON.stringify({ type: "Feature", properties: { code: f.code }, geometry: { type: "MultiPolygon", coordinates: f.shape } }),
  );
  const text = `{"type":"FeatureCollection","features":[\n${lines.join(",\n")}\n]}\n`;
  writeFileSync(new URL(name, OUT), text);
  return Buffer.byteLength(text);
}

const vertices = (shapes: MultiPolygon[]) => shapes.reduce((n, s) => n + s.flat().reduce((m, r) => m + r.length, 0), 0);

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const log: string[] = [];
  let total = 0;
  for (const layer of layers) {
    const fc = JSON.parse(readFileSync(new URL(layer.source, DATA), "utf8")) as { features: { properties: Record<string, unknown>; geometry: Geometry }[] };
    const features = fc.features
      .map((f) => {
        const code = layer.code(f.properties);
        if (!Number.isInteger(code)) throw new Error(`${layer.name}: feature without a code`);
        return { code, shape: clean(layer, code, toMultiPolygon(f.geometry), log) };
      })
      .sort((a, b) => a.code - b.code);
    const simplified = simplifyLayer(features.map((f) => f.shape), SIMPLIFY_TOLERANCE).map((shape, i) => ({ code: features[i]!.code, shape }));
    const worstArea = Math.max(...features.map((f, i) => Math.abs(multiPolygonArea(simplified[i]!.shape) / multiPolygonArea(f.shape) - 1)));
    const full = write(`${layer.name}.geojson`, features);
    const small = write(`${layer.name}.simplified.geojson`, simplified);
    total += full + small;
    console.log(
      `${layer.name}: ${features.length} shapes, ${vertices(features.map((f) => f.shape))} -> ${vertices(simplified.map((f) => f.shape))} vertices, ` +
        `${(full / 1024).toFixed(0)} KB full, ${(small / 1024).toFixed(0)} KB simplified, largest area change ${(worstArea * 100).toFixed(2)}%`,
    );
  }
  for (const line of log) console.log(`  ${line}`);
  console.log(`derived files: ${(total / 1024 / 1024).toFixed(2)} MB`);
}

main();
