import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { catalogs, translator } from "./index.js";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const flat = { fr: flatten(catalogs.fr as Tree), nl: flatten(catalogs.nl as Tree), en: flatten(catalogs.en as Tree) };

describe("i18n catalogs", () => {
  it("have exactly the same keys in fr, nl and en", () => {
    for (const [a, b] of [["fr", "nl"], ["nl", "en"], ["en", "fr"]] as const) {
      const missing = [...flat[a].keys()].filter((k) => !flat[b].has(k));
      assert.deepEqual(missing, [], `${b} lacks keys that ${a} has`);
    }
  });

  it("have no empty message", () => {
    for (const [lang, map] of Object.entries(flat)) {
      for (const [key, value] of map) assert.ok(value.trim().length > 0, `${lang}:${key} is empty`);
    }
  });

  it("use the same ICU placeholders in every language", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort().join(",");
    for (const [key, fr] of flat.fr) {
      assert.equal(placeholders(flat.nl.get(key)!), placeholders(fr), `nl:${key}`);
      assert.equal(placeholders(flat.en.get(key)!), placeholders(fr), `en:${key}`);
    }
  });

  it("format ICU plurals per language", () => {
    assert.equal(translator("fr")("common.rows", { count: 0 }), "aucune ligne");
    assert.equal(translator("fr")("common.rows", { count: 1 }), "1 ligne");
    assert.equal(translator("nl")("common.rows", { count: 2 }), "2 rijen");
    assert.equal(translator("en")("common.rows", { count: 1 }), "1 row");
  });

  it("interpolate parameters", () => {
    assert.equal(translator("nl")("errors.internal", { requestId: "abc" }), "Er is een onverwachte fout opgetreden (referentie abc).");
  });
});
