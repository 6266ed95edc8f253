import { getJSON, need } from './client'

// Shapes of the registry API (internal/httpapi/enterprises.go and friends).

export interface Enterprise {
  id: number | string
  uscc: string
  name: string
  county?: string
  county_name?: string
  park?: string | null
  park_name?: string | null
  industry?: string
  industry_name?: string
  cluster?: string | null
  cluster_name?: string | null
  sub_sector?: string | null
  above_scale?: boolean
  land_area?: number | null
  tags?: EnterpriseTag[]
  synthetic?: boolean
  [k: string]: unknown
}

export interface EnterpriseTag {
  tag: string
  name?: string
  valid_from?: string
  valid_to?: string | null
  [k: string]: unknown
}

export interface EnterpriseYear {
  year: number
  above_scale?: boolean
  [k: string]: unknown
}

export interface EnterpriseQuery {
  q?: string
  county?: string
  park?: string
  cluster?: string
  sub_sector?: string
  tag?: string
  above_scale?: boolean | string
  limit?: number
  offset?: number
}

export interface Page<T> {
  items: T[]
  total: number
  [k: string]: unknown
}

export async function fetchEnterprises(q: EnterpriseQuery): Promise<Page<Enterprise>> {
  await need('GET /api/v1/enterprises')
  return getJSON('/api/v1/enterprises', { ...q })
}

export async function fetchEnterprise(id: string): Promise<Enterprise & { years?: EnterpriseYear[] }> {
  await need('GET /api/v1/enterprises/{id}')
  return getJSON(`/api/v1/enterprises/${encodeURIComponent(id)}`)
}

export interface ValuePoint {
  element: string
  period: string
  value: number | null
  unit?: string
  [k: string]: unknown
}

export async function fetchEnterpriseValues(id: string): Promise<{ items: ValuePoint[]; [k: string]: unknown }> {
  await need('GET /api/v1/enterprises/{id}/values')
  return getJSON(`/api/v1/enterprises/${encodeURIComponent(id)}/values`)
}

export interface CatalogElement {
  code: string
  name: string
  unit: string
  value_type: string
  period_type: string
  cumulative?: boolean
}

export interface Catalog {
  elements: CatalogElement[]
  datasets: { code: string; name: string; period_type: string; elements: string[] }[]
}

export async function fetchCatalog(): Promise<Catalog> {
  await need('GET /api/v1/catalog')
  return getJSON('/api/v1/catalog')
}
