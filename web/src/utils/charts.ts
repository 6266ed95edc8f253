import type { Series, BreakdownRow } from '../api/indicators'
import type { Cluster } from '../api/plan'
import type { EChartsOption } from './echarts'
import { fmtVal, periodLabel, statusColor, statusKind } from './format'

/** trendOption draws actuals against the target path of one indicator. */
export function trendOption(s: Series, name: string): EChartsOption {
  const x = s.points.map((p) => p.period)
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: any) => fmtVal(v as number, s.unit) },
    legend: { data: ['实际值', '目标路径'], top: 0 },
    grid: { left: 60, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: x, axisLabel: { formatter: (v: string) => periodLabel(v) } },
    yAxis: { type: 'value', name: s.unit, scale: true },
    series: [
      { name: '实际值', type: 'line', data: s.points.map((p) => p.actual ?? null), symbolSize: 7, itemStyle: { color: '#1677ff' }, connectNulls: false },
      { name: '目标路径', type: 'line', data: s.points.map((p) => p.target ?? null), lineStyle: { type: 'dashed' }, itemStyle: { color: '#e6a23c' } },
    ],
    title: { text: name, left: 'center', top: 'bottom', textStyle: { fontSize: 12, fontWeight: 'normal', color: '#909399' } },
  }
}

/** clusterOption compares each cluster's figure with its 2025 target. */
export function clusterOption(clusters: Cluster[], rows: BreakdownRow[], unit: string, period: string): EChartsOption {
  const withTarget = clusters.filter((c) => c.target)
  const actual = (code: string) => rows.find((r) => r.key === code)?.actual ?? null
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: any) => fmtVal(v as number, unit) },
    legend: { data: [`${periodLabel(period)}实际`, '2025年目标'], top: 0 },
    grid: { left: 60, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: withTarget.map((c) => c.name) },
    yAxis: { type: 'value', name: unit },
    series: [
      { name: `${periodLabel(period)}实际`, type: 'bar', data: withTarget.map((c) => actual(c.code)), itemStyle: { color: '#1677ff' } },
      { name: '2025年目标', type: 'bar', data: withTarget.map((c) => c.target!.value), itemStyle: { color: '#c6d6ee' } },
    ],
  }
}

/** countyMapOption colours the Dazhou county map by one indicator's values. */
export function countyMapOption(rows: BreakdownRow[], unit: string, title: string): EChartsOption {
  const vals = rows.map((r) => r.actual).filter((v): v is number => typeof v === 'number')
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 13 } },
    tooltip: {
      formatter: (p: any) => {
        const r = rows.find((x) => x.label === p.name || x.key === p.data?.code)
        return r ? `${p.name}<br/>${fmtVal(r.actual, unit)}${r.status ? '　' + r.status : ''}` : `${p.name}<br/>无数据`
      },
    },
    visualMap: {
      min: vals.length ? Math.min(...vals) : 0,
      max: vals.length ? Math.max(...vals) : 1,
      left: 10, bottom: 10, calculable: true, text: ['高', '低'],
      inRange: { color: ['#e0ecff', '#1d4ed8'] },
    },
    series: [{
      type: 'map', map: 'dazhou', roam: false, nameProperty: 'name',
      label: { show: true, fontSize: 11 },
      emphasis: { label: { show: true } },
      data: rows.map((r) => ({ name: r.label, code: r.key, value: r.actual ?? undefined, itemStyle: r.actual == null ? { areaColor: '#eee' } : undefined })),
    }],
  }
}

export function statusBorder(s?: string): string {
  return statusColor[statusKind(s)]
}
