import { LineChart as ELine } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([ELine, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface LineSeries {
  name: string;
  data: Array<number | null>;
  colour: string;
}

interface Props {
  categories: Array<string | number>;
  series: LineSeries[];
  /** Formats axis labels and tooltip values (Belgian conventions of the reader's language). */
  format: (value: number) => string;
  /** Text alternative of the picture; the figures are also given as a table next to it. */
  label: string;
  height?: number;
}

/** A small ECharts line chart (tree-shaken: only the line chart, grid, legend and tooltip are registered). */
export function LineChart({ categories, series, format, label, height = 260 }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, null, { renderer: "canvas" });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(
      {
        animation: false,
        color: series.map((s) => s.colour),
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        legend: { top: 0, left: 0, textStyle: { color: "#1f2933" } },
        tooltip: {
          trigger: "axis",
          valueFormatter: (value: unknown) => (typeof value === "number" ? format(value) : "–"),
        },
        xAxis: { type: "category", data: categories, boundaryGap: false, axisLabel: { color: "#3e4c59" } },
        yAxis: { type: "value", axisLabel: { color: "#3e4c59", formatter: (v: number) => format(v) }, splitLine: { lineStyle: { color: "#e4e7eb" } } },
        series: series.map((s) => ({ type: "line", name: s.name, data: s.data, showSymbol: false, connectNulls: false, lineStyle: { width: 2 } })),
      },
      { notMerge: true },
    );
  }, [categories, series, format]);

  return <div ref={el} className="chart" role="img" aria-label={label} style={{ height }} />;
}
