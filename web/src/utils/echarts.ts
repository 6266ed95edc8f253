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

/** dazhouNames maps a county's GB/T 2260 code to its name on the map. */
export const dazhouNames = new Map<string, string>()

/** registerDazhou loads the county boundaries (see src/geo/README.md) once, on first use. */
export function registerDazhou(): Promise<void> {
  if (!dazhouRegistered) {
    dazhouRegistered = import('../geo/dazhou-counties.json').then((m) => {
      const geo = m.default as any
      for (const f of geo.features) dazhouNames.set(String(f.id), f.properties.name)
      echarts.registerMap('dazhou', geo)
    })
  }
  return dazhouRegistered
}
