import { useMemo, useState } from "react";
import { formatNumber, localName } from "../../../shared/locale.js";
import { TextField } from "../../components/forms/Field.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useLocale } from "../../i18n.js";
import type { NeighbourhoodRow } from "./territory.types.js";

interface Props {
  rows: NeighbourhoodRow[];
  values: Map<string, number | null>;
  valueLabel: string;
  caption: string;
  formatValue: (value: number | null | undefined) => string;
  selected: string | null;
  onOpen: (code: string, trigger: HTMLElement) => void;
}

/** The same data as the map, as a table: the keyboard and screen-reader path to every neighbourhood. */
export function NeighbourhoodTable({ rows, values, valueLabel, caption, formatValue, selected, onOpen }: Props) {
  const { locale, t } = useLocale();
  const [filter, setFilter] = useState("");

  const shown = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase();
    if (!needle) return rows;
    return rows.filter((r) => [r.names.fr, r.names.nl, r.municipality, r.code].some((s) => s.toLocaleLowerCase().includes(needle)));
  }, [rows, filter]);

  const columns: Column<NeighbourhoodRow>[] = [
    {
      key: "name",
      label: t("common.name"),
      rowHeader: true,
      sortValue: (r) => localName(locale, r.names),
      render: (r) => (
        <button type="button" className="button-link" onClick={(e) => onOpen(r.code, e.currentTarget)}>
          {localName(locale, r.names)}
        </button>
      ),
    },
    { key: "code", label: t("common.code"), numeric: true, sortValue: (r) => Number(r.code) || r.code, render: (r) => r.code },
    { key: "municipality", label: t("territoryPage.table.municipality"), sortValue: (r) => r.municipality || null, render: (r) => r.municipality },
    {
      key: "population",
      label: t("territoryPage.variables.population"),
      numeric: true,
      sortValue: (r) => r.population,
      render: (r) => (r.population === null ? t("common.notAvailable") : formatNumber(locale, r.population)),
    },
    { key: "value", label: valueLabel, numeric: true, sortValue: (r) => values.get(r.code) ?? null, render: (r) => formatValue(values.get(r.code)) },
  ];

  return (
    <section className="section" aria-labelledby="nbh-table-title">
      <h2 id="nbh-table-title">{t("territoryPage.table.title")}</h2>
      <div className="toolbar">
        <TextField
          label={t("territoryPage.table.filter")}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          hint={t("common.rows", { count: shown.length })}
        />
      </div>
      <SortableTable
        caption={caption}
        columns={columns}
        rows={shown}
        rowKey={(r) => r.code}
        initialSort={{ key: "name", direction: "ascending" }}
        isCurrent={(r) => r.code === selected}
        empty={t("common.rows", { count: 0 })}
        testId="neighbourhood-table"
      />
    </section>
  );
}
