import { useMemo, useState, type ReactNode } from "react";
import { bcp47 } from "../../../shared/locale.js";
import { useLocale } from "../../i18n.js";

export interface Column<Row> {
  key: string;
  label: string;
  render: (row: Row) => ReactNode;
  /** The value sorted on; without it, the column is not sortable. */
  sortValue?: (row: Row) => string | number | null;
  numeric?: boolean;
  /** The row header cell (th scope="row"), usually the name. */
  rowHeader?: boolean;
  className?: string;
}

interface Props<Row> {
  caption: ReactNode;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  initialSort?: { key: string; direction: "ascending" | "descending" };
  rowClassName?: (row: Row) => string | undefined;
  isCurrent?: (row: Row) => boolean;
  empty?: ReactNode;
  testId?: string;
}

type Direction = "ascending" | "descending";

function cellClass(c: { numeric?: boolean; className?: string }): string | undefined {
  return [c.numeric ? "num" : "", c.className ?? ""].filter(Boolean).join(" ") || undefined;
}

/** An accessible data table: caption, th scope, sort buttons in the headers with aria-sort. Missing values sort last. */
export function SortableTable<Row>({ caption, columns, rows, rowKey, initialSort, rowClassName, isCurrent, empty, testId }: Props<Row>) {
  const { locale } = useLocale();
  const [sort, setSort] = useState<{ key: string; direction: Direction } | null>(initialSort ?? null);

  const sorted = useMemo(() => {
    const column = sort && columns.find((c) => c.key === sort.key);
    if (!column?.sortValue || !sort) return rows;
    const collator = new Intl.Collator(bcp47[locale], { numeric: true, sensitivity: "base" });
    const value = column.sortValue;
    const factor = sort.direction === "ascending" ? 1 : -1;
    return [...rows].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      if (va === null && vb === null) return 0;
      if (va === null) return 1;
      if (vb === null) return -1;
      const order = typeof va === "number" && typeof vb === "number" ? va - vb : collator.compare(String(va), String(vb));
      return order * factor;
    });
  }, [rows, columns, sort, locale]);

  const toggle = (key: string) =>
    setSort((prev) => (prev?.key === key ? { key, direction: prev.direction === "ascending" ? "descending" : "ascending" } : { key, direction: "ascending" }));

  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort?.key === c.key;
              return (
                <th key={c.key} scope="col" className={c.numeric ? "num" : undefined} aria-sort={c.sortValue ? (active ? sort.direction : "none") : undefined}>
                  {c.sortValue ? (
                    <button type="button" className="sort-button" onClick={() => toggle(c.key)}>
                      {c.label}
                      <span className="sort-indicator" aria-hidden="true">
                        {active ? (sort.direction === "ascending" ? "▲" : "▼") : "↕"}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="empty">
                {empty}
              </td>
            </tr>
          ) : (
            sorted.map((row) => (
              <tr key={rowKey(row)} className={rowClassName?.(row)} aria-current={isCurrent?.(row) ? "true" : undefined}>
                {columns.map((c) =>
                  c.rowHeader ? (
                    <th key={c.key} scope="row" className={cellClass(c)}>
                      {c.render(row)}
                    </th>
                  ) : (
                    <td key={c.key} className={cellClass(c)}>
                      {c.render(row)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
