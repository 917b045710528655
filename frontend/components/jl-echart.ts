// <jl-echart>: the browser half of lab.jielong.base.ui.chart.EChart.
// Java sets the `option` property (a JSON string); this element owns the ECharts instance:
// init on connect, setOption on every change, resize with its container, dispose on disconnect,
// and a `chart-click` event for data items. Only the chart types the playground draws are bundled.
import { LitElement, PropertyValues } from 'lit';
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
    const v = p.value[2];
    return `${y} → ${x}: ${typeof v === 'number' ? v.toFixed(3) : '—'}`;
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

  connectedCallback() {
    super.connectedCallback();
    this.style.display = 'block';
    const container = document.createElement('div');
    container.style.width = '100%';
    container.style.height = '100%';
    this.replaceChildren(container);
    this.chart = echarts.init(container, undefined, { renderer: 'canvas' });
    this.chart.on('click', (p: any) => {
      this.dispatchEvent(new CustomEvent('chart-click', {
        detail: {
          seriesIndex: p.seriesIndex ?? -1, dataIndex: p.dataIndex ?? -1,
          name: p.name ?? '', value: JSON.stringify(p.value ?? null),
        },
      }));
    });
    this.resizeObserver = new ResizeObserver(() => this.chart?.resize());
    this.resizeObserver.observe(this);
    this.applyOption();
  }

  disconnectedCallback() {
    this.resizeObserver?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
    super.disconnectedCallback();
  }

  protected updated(changed: PropertyValues) {
    if (changed.has('option')) {
      this.applyOption();
    }
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
