import { getJSON, need } from './client'

// Shapes of the indicator engine's API (internal/indicator: row.go, service.go, explain.go).

export interface IndicatorRow {
  code: string
  name: string
  unit: string
  category: string
  baseline: { value: number | null; year: number } | null
  target: number | null
  target_year: number
  target_kind: string
  period: string
  period_label: string
  actual: number | null
  year_actual?: number | null
  annual_target: number | null
  target_to_date: number | null
  target_source?: string
  completion_pct: number | null
  gap: number | null
  required_cagr_pct?: number | null
  required_per_year?: number | null
  /** 达标 / 正常 / 滞后 / 严重滞后 / 无数据 / 无目标 / 无参照值 */
  status: string
  reason: string
  firms: number
}

export interface Org {
  code: string
  name: string
  level: string
  county?: string
}

export interface IndicatorTable {
  org: Org
  group?: string
  group_name?: string
  period: string
  period_label: string
  items: IndicatorRow[]
}

/** Basis is the data basis (数据口径): every reported value, or approved or accepted submissions only. */
export type Basis = 'all' | 'approved'

/** BasisInfo is the basis a response's figures were computed in, as the server says. */
export interface BasisInfo {
  basis: Basis
  basis_name: string
}

export interface IndicatorResult extends IndicatorTable, BasisInfo {
  breakdown?: IndicatorTable[]
}

/** PeriodQuery: a period ("2024", "2024Q2", "2024-06"), or a year (its latest period with data), or neither (the latest). */
export interface PeriodQuery {
  year?: number
  period?: string
  org?: string
  basis?: Basis
}

export async function fetchIndicators(q: PeriodQuery & { by?: string }): Promise<IndicatorResult> {
  await need('GET /api/v1/indicators')
  const r = await getJSON<{ meta: unknown; total: number; result: IndicatorResult }>('/api/v1/indicators', { ...q })
  return r.result
}

export interface SeriesPoint {
  year: number
  period: string
  actual: number | null
  target: number | null
  status: string
}

export interface Series extends BasisInfo {
  code: string
  name: string
  unit: string
  org: Org
  points: SeriesPoint[]
}

export async function fetchSeries(code: string, q: PeriodQuery): Promise<Series> {
  await need('GET /api/v1/indicators/{code}/series')
  return getJSON(`/api/v1/indicators/${encodeURIComponent(code)}/series`, { ...q })
}

/** BreakdownRow is one unit of a drill-down: key is the org code or the cluster code; basis is the response's. */
export interface BreakdownRow {
  key: string
  label: string
  org: Org
  row: IndicatorRow
  basis: Basis
}

interface rawBreakdownItem {
  org: Org
  group?: string
  group_name?: string
  indicator: IndicatorRow
}

/** groupKey turns the engine's group ("cluster:energy_chemical", "sub:…") into the plan code. */
function groupKey(g: string): string {
  return g.slice(g.indexOf(':') + 1)
}

export async function fetchBreakdown(code: string, q: PeriodQuery & { by: string }): Promise<BreakdownRow[]> {
  await need('GET /api/v1/indicators/{code}/breakdown')
  const raw = await getJSON<{ items: rawBreakdownItem[] } & BasisInfo>(`/api/v1/indicators/${encodeURIComponent(code)}/breakdown`, { ...q })
  return (raw.items ?? []).map((it) => ({
    key: it.group ? groupKey(it.group) : it.org.code,
    label: it.group_name || it.org.name,
    org: it.org,
    row: it.indicator,
    basis: raw.basis,
  }))
}

export interface Contributor {
  enterprise_id: number
  name: string
  county: string
  park?: string
  value: number
  share_pct: number
}

export interface Explanation extends BasisInfo {
  indicator: IndicatorRow
  definition: {
    code: string
    kind: string
    frequency: string
    formula?: string
    numerator?: string
    denominator?: string
    factor?: number
    compare?: string
    element?: string
    source?: string
    reference?: string
    note?: string
  }
  org: Org
  inputs: { call: string; value: number; firms: number }[] | null
  previous_year_inputs?: { call: string; value: number; firms: number }[] | null
  top_contributors: Contributor[] | null
}

export async function fetchExplain(code: string, q: PeriodQuery): Promise<Explanation> {
  await need('GET /api/v1/indicators/{code}/explain')
  return getJSON(`/api/v1/indicators/${encodeURIComponent(code)}/explain`, { ...q })
}
