/**
 * Apache ECharts, only the parts the dashboard draws with (bars, lines, a heat map on a canvas), bundled by Vite
 * from node_modules: nothing is fetched from another host. Tooltips render on the canvas (richText), so no HTML
 * with inline styles is written into the page and the server's Content-Security-Policy holds.
 */
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, LineChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
export type ECharts = echarts.ECharts;
export type ChartOption = echarts.EChartsCoreOption;

/** Okabe–Ito colours (safe for the common colour-vision deficiencies), then darker and lighter companions. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442', '#7a5195', '#5b6475', '#8c564b', '#2f7d4f'];

/** What every chart shares: the palette, canvas tooltips, a described chart for screen readers. */
export const BASE_OPTION = {
  color: PALETTE,
  aria: { enabled: true },
  tooltip: { renderMode: 'richText', confine: true },
  textStyle: { fontFamily: 'system-ui, sans-serif' },
  animation: false,
};
