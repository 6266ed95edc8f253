import { getJSON, need } from './client'

// Shapes of the indicator engine's API (internal/httpapi/indicators.go).

export interface IndicatorRow {
  code: string
  name: string
  unit: string
  category?: string
  org?: string
  org_name?: string
  period?: string
  baseline?: number | null
  baseline_year?: number
  target?: number | null
  target_year?: number
  target_kind?: string
  target_to_date?: number | null
  actual?: number | null
  completion?: number | null
  gap?: number | null
  required_cagr?: number | null
  status?: string
  reason?: string
  [k: string]: unknown
}

export interface IndicatorQuery {
  year?: number | string
  period?: string
  org?: string
  by?: string
  park?: string
  cluster?: string
}

export interface IndicatorList {
  items: IndicatorRow[]
  period?: string
  org?: string
  [k: string]: unknown
}

export async function fetchIndicators(q: IndicatorQuery): Promise<IndicatorList> {
  await need('GET /api/v1/indicators')
  return getJSON('/api/v1/indicators', { ...q })
}

export interface SeriesPoint {
  period: string
  actual?: number | null
  target?: number | null
  [k: string]: unknown
}

export interface Series {
  code: string
  unit: string
  points: SeriesPoint[]
  [k: string]: unknown
}

export async function fetchSeries(code: string, q: IndicatorQuery): Promise<Series> {
  await need('GET /api/v1/indicators/{code}/series')
  return getJSON(`/api/v1/indicators/${encodeURIComponent(code)}/series`, { ...q })
}

export interface BreakdownRow extends IndicatorRow {
  key: string
  label: string
}

export interface Breakdown {
  code: string
  unit: string
  by: string
  items: BreakdownRow[]
  [k: string]: unknown
}

export async function fetchBreakdown(code: string, q: IndicatorQuery & { by: string }): Promise<Breakdown> {
  await need('GET /api/v1/indicators/{code}/breakdown')
  return getJSON(`/api/v1/indicators/${encodeURIComponent(code)}/breakdown`, { ...q })
}

export interface Explain {
  code: string
  name?: string
  formula?: string
  description?: string
  inputs?: { [k: string]: unknown }[]
  contributors?: { [k: string]: unknown }[]
  [k: string]: unknown
}

export async function fetchExplain(code: string, q: IndicatorQuery): Promise<Explain> {
  await need('GET /api/v1/indicators/{code}/explain')
  return getJSON(`/api/v1/indicators/${encodeURIComponent(code)}/explain`, { ...q })
}
