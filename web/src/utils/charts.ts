import type { Series, BreakdownRow } from '../api/indicators'
import type { Cluster } from '../api/plan'
import { type EChartsOption } from './echarts'
import { fmtVal } from './format'
import { i18n } from '../i18n'

const t = i18n.global.t

/** trendOption draws yearly actuals against the target path of one indicator. */
export function trendOption(s: Series, title: string): EChartsOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: any) => fmtVal(v as number, s.unit) },
    legend: { data: [t('chart.actual'), t('chart.path')], top: 0 },
    grid: { left: 64, right: 20, top: 36, bottom: 48 },
    xAxis: { type: 'category', data: s.points.map((p) => t('entd.yearOf', { year: p.year })) },
    yAxis: { type: 'value', name: s.unit, scale: true },
    series: [
      { name: t('chart.actual'), type: 'line', data: s.points.map((p) => p.actual), symbolSize: 7, itemStyle: { color: '#1677ff' } },
      { name: t('chart.path'), type: 'line', data: s.points.map((p) => p.target), lineStyle: { type: 'dashed' }, itemStyle: { color: '#e6a23c' } },
    ],
    title: { text: title, left: 'center', bottom: 0, textStyle: { fontSize: 12, fontWeight: 'normal', color: '#909399' } },
  }
}

/** clusterOption compares each cluster's figure with its 2025 target (both in the target's unit). */
export function clusterOption(clusters: Cluster[], rows: BreakdownRow[], actualName: string): EChartsOption {
  const withTarget = clusters.filter((c) => c.target)
  const unit = withTarget[0]?.target?.unit ?? ''
  const actual = (code: string) => rows.find((r) => r.key === code)?.row.actual ?? null
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: any) => fmtVal(v as number, unit) },
    legend: { data: [actualName, t('chart.target2025')], top: 0 },
    grid: { left: 60, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: withTarget.map((c) => c.name) },
    yAxis: { type: 'value', name: unit },
    series: [
      { name: actualName, type: 'bar', data: withTarget.map((c) => actual(c.code)), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'top', fontSize: 10, formatter: (p: any) => fmtVal(p.value) } },
      { name: t('chart.target2025'), type: 'bar', data: withTarget.map((c) => c.target!.value), itemStyle: { color: '#c6d6ee' } },
    ],
  }
}

/**
 * countyMapOption colours the plan's division map (a registered boundary,
 * with its names by division code) by one indicator's values.
 */
export function countyMapOption(boundary: { map: string; names: Map<string, string> }, rows: BreakdownRow[], unit: string, title: string): EChartsOption {
  const mapName = (r: BreakdownRow) => boundary.names.get(r.key) ?? r.label
  const vals = rows.map((r) => r.row.actual).filter((v): v is number => typeof v === 'number')
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 13 } },
    tooltip: {
      formatter: (p: any) => {
        const r = rows.find((x) => mapName(x) === p.name)
        return r ? `${p.name}<br/>${fmtVal(r.row.actual, unit)}　${r.row.status}` : `${p.name}<br/>${t('status.unknown')}`
      },
    },
    visualMap: {
      min: vals.length ? Math.min(...vals) : 0,
      max: vals.length ? Math.max(...vals) : 1,
      left: 10, bottom: 10, calculable: true, text: [t('chart.high'), t('chart.low')],
      inRange: { color: ['#e0ecff', '#1d4ed8'] },
    },
    series: [{
      type: 'map', map: boundary.map, roam: false,
      label: { show: true, fontSize: 11 },
      emphasis: { label: { show: true } },
      data: rows.map((r) => ({ name: mapName(r), code: r.key, value: r.row.actual ?? undefined })),
    }],
  }
}
