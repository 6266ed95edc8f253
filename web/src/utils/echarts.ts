// Only the ECharts parts the pages use, so the bundle stays small.
import * as echarts from 'echarts/core'
import { BarChart, GraphChart, LineChart, MapChart, TreeChart, GaugeChart } from 'echarts/charts'
import {
  GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { EChartsOption } from 'echarts'

echarts.use([
  BarChart, GraphChart, LineChart, MapChart, TreeChart, GaugeChart,
  GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent,
  CanvasRenderer,
])

export { echarts }
export type { EChartsOption }

let dazhouRegistered: Promise<void> | null = null

/** registerDazhou loads the county boundaries (see src/geo/README.md) once, on first use. */
export function registerDazhou(): Promise<void> {
  if (!dazhouRegistered) {
    dazhouRegistered = import('../geo/dazhou-counties.json').then((m) => {
      echarts.registerMap('dazhou', m.default as any)
    })
  }
  return dazhouRegistered
}
