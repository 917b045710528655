// <jl-echart>: the browser half of lab.jielong.base.ui.chart.EChart.
// Java sets the `option` property (a JSON string); this element owns the ECharts instance:
// init on connect, setOption on every change, resize with its container, dispose on disconnect,
// and a `chart-click` event for data items. Only the chart types the playground draws are bundled.
import { html, LitElement, PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent,
  TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

type Option = Record<string, any>;

// Tooltip formatters that JSON cannot carry, chosen by name from Java (EChart.HEATMAP_TOOLTIP).
const FORMATTERS: Record<string, (option: Option) => (p: any) => string> = {
  'jl:heatmap': (option) => (p: any) => {
    const x = axisLabels(option.xAxis)[p.value[0]] ?? p.value[0];
    const y = axisLabels(option.yAxis)[p.value[1]] ?? p.value[1];
    // Series 2 of an attention heatmap holds the cells the causal mask hides.
    const hidden = p.seriesIndex === 2 && option.tooltip?.hiddenLabel;
    const v = p.value[2];
    return `${y} → ${x}: ${hidden ? option.tooltip.hiddenLabel : (typeof v === 'number' ? v.toFixed(3) : '—')}`;
  },
};

function axisLabels(axis: any): string[] {
  const a = Array.isArray(axis) ? axis[0] : axis;
  return (a && a.data) || [];
}

function withFormatters(option: Option): Option {
  const tooltip = option.tooltip;
  if (tooltip && typeof tooltip.formatter === 'string' && FORMATTERS[tooltip.formatter]) {
    return { ...option, tooltip: { ...tooltip, formatter: FORMATTERS[tooltip.formatter](option) } };
  }
  return option;
}

@customElement('jl-echart')
export class JlEChart extends LitElement {
  @property({ type: String }) option = '{}';

  private chart?: echarts.ECharts;
  private resizeObserver?: ResizeObserver;

  // Light DOM: page styles apply, and tests can find the canvas without piercing a shadow root.
  protected createRenderRoot() {
    return this;
  }

  render() {
    return html`<div style="width: 100%; height: 100%"></div>`;
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.hasUpdated) {
      this.initChart();   // re-attached after a detach: the chart was disposed
    }
  }

  disconnectedCallback() {
    this.resizeObserver?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
    super.disconnectedCallback();
  }

  protected firstUpdated() {
    this.initChart();
  }

  protected updated(changed: PropertyValues) {
    if (changed.has('option')) {
      this.applyOption();
    }
  }

  private initChart() {
    const container = this.firstElementChild as HTMLElement | null;
    if (!container || this.chart) return;
    this.chart = echarts.init(container, undefined, { renderer: 'canvas' });
    this.chart.on('click', (p: any) => {
      this.dispatchEvent(new CustomEvent('chart-click', {
        detail: {
          seriesIndex: p.seriesIndex ?? -1, dataIndex: p.dataIndex ?? -1,
          name: p.name ?? '', value: JSON.stringify(p.value ?? null),
        },
      }));
    });
    // Also catches the chart becoming visible: a hidden container has no size to draw in.
    this.resizeObserver = new ResizeObserver(() => this.chart?.resize());
    this.resizeObserver.observe(this);
    this.applyOption();
  }

  private applyOption() {
    if (!this.chart) return;
    let option: Option;
    try {
      option = JSON.parse(this.option || '{}');
    } catch (e) {
      console.error('jl-echart: option is not JSON', e);
      return;
    }
    this.chart.setOption(withFormatters(option), { notMerge: true });
  }
}
