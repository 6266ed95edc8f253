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

// The boundary files of src/geo (see src/geo/README.md), loaded on first use.
const boundaryFiles = import.meta.glob('../geo/*.json')
const registered = new Map<string, Promise<Map<string, string>>>()

/**
 * registerBoundary loads the plan's boundary file src/geo/<name>.json once and
 * registers it as the ECharts map <name>; it resolves to the map's names by
 * division code (GB/T 2260), which the features carry as their id.
 */
export function registerBoundary(name: string): Promise<Map<string, string>> {
  let p = registered.get(name)
  if (!p) {
    const load = boundaryFiles[`../geo/${name}.json`]
    if (!load) return Promise.reject(new Error(`no boundary file src/geo/${name}.json`))
    p = load().then((m: any) => {
      const geo = m.default
      const names = new Map<string, string>()
      for (const f of geo.features) names.set(String(f.id), f.properties.name)
      echarts.registerMap(name, geo)
      return names
    })
    registered.set(name, p)
  }
  return p
}
