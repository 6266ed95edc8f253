import { getJSON } from './client'

// Shapes of /api/v1/plan (internal/plan/plan.go, structure.go).

export interface PlanIndicator {
  code: string
  name: string
  name_en?: string
  category: string
  unit: string
  baseline?: { value: number | null; year: number } | null
  target: { kind: string; value: number | null; year: number; external?: string }
  path: string
  ref: string
  note?: string
}

export interface SubSector {
  code: string
  name: string
  name_en?: string
  key_products?: string[]
  key_enterprises?: string[]
  major_projects?: string[]
  ref?: string
}

export interface Cluster {
  code: string
  name: string
  name_en?: string
  group: string
  target?: { metric: string; value: number; unit: string; year: number }
  sub_sectors: SubSector[]
  ref: string
}

export interface Chain {
  code: string
  name: string
  cluster: string
  sub_sector?: string
  status?: string
  nodes: { code: string; name: string }[]
  edges: { from: string; to: string }[]
  ref: string
}

export interface County {
  code: string
  name: string
  focus?: string[]
  ref?: string
}

export interface Park {
  code: string
  name: string
  county: string
  kind: string
  clusters?: string[]
  goal?: string
  ref?: string
}

export interface Layout {
  cores: string[]
  belts: { code: string; name: string; route?: string; parks?: string[]; counties?: string[]; ref?: string }[]
  ref?: string
}

export interface OtherTarget {
  code: string
  name: string
  value: number
  unit: string
  rule?: string
  year?: number
  ref: string
  note?: string
}

export interface Plan {
  id: string
  name: string
  region: { code: string; name: string; province: string }
  period: { start: number; end: number; baseline_year: number }
  source: { title: string; file: string; status: string }
  categories: { code: string; name: string; name_en?: string }[]
  indicators: PlanIndicator[]
  achievements?: { [k: string]: unknown }[]
  clusters: Cluster[]
  chains: Chain[]
  counties: County[]
  parks: Park[]
  layout: Layout
  targets: OtherTarget[]
  supervision?: { [k: string]: unknown }
  /** What the dashboard and the cluster, park and chain pages show by default (plan.Dashboard). */
  dashboard: { trend: string; clusters: string; parks: string; chains: string; map: string; boundary: string }
  /** The plan's 亩均 method and 差别化 rules (plan.Evaluation). */
  evaluation: { mujun_method: string; pricing_jurisdiction: string }
}

export interface PlanResponse {
  meta: { plan_id: string; plan_version: number }
  plan: Plan
}

let cached: Promise<PlanResponse> | null = null

/** fetchPlan loads the plan once per page load; the plan changes only with a new version. */
export function fetchPlan(): Promise<PlanResponse> {
  if (!cached) {
    cached = getJSON<PlanResponse>('/api/v1/plan')
    cached.catch(() => (cached = null))
  }
  return cached
}

export function fetchVersions(): Promise<{ items: { version: number; [k: string]: unknown }[] }> {
  return getJSON('/api/v1/plan/versions')
}
