import { ApiError, getJSON, need } from './client'

// Shapes of the registry API (internal/httpapi/enterprises.go and friends).

export interface Enterprise {
  id: number
  uscc: string
  name: string
  county_code: string
  county_name: string
  park_code?: string
  park_name?: string
  town_code?: string
  town_name?: string
  industry_code: string
  division_name?: string
  high_tech?: boolean
  cluster_code?: string
  sub_sector_code?: string
  cluster_override?: boolean
  land_mu?: number | null
  land_unit?: string
  established_on?: string
  synthetic?: boolean
  note?: string
  tags?: EnterpriseTag[]
  years?: EnterpriseYear[]
}

export interface EnterpriseTag {
  id?: number
  tag: string
  name: string
  level?: string
  valid_from: string
  valid_to?: string
  source?: string
}

export interface EnterpriseYear {
  year: number
  above_scale: boolean
}

export interface EnterpriseQuery {
  q?: string
  county?: string
  park?: string
  town?: string
  cluster?: string
  sub_sector?: string
  tag?: string
  above_scale_year?: number | string
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

/** OrgUnit is a city, county or town (乡镇/街道) with its visible enterprise count. */
export interface OrgUnit {
  code: string
  name: string
  level: 'city' | 'county' | 'town'
  parent_code?: string
  source: string
  enterprises: number
}

/**
 * fetchTowns lists a county's towns; a county outside the caller's scope has
 * none for it (the server answers 404), which is an empty list here.
 */
export async function fetchTowns(county: string): Promise<OrgUnit[]> {
  if (!county) return []
  await need('GET /api/v1/org-units')
  try {
    const r = await getJSON<{ items: OrgUnit[] }>('/api/v1/org-units', { parent: county })
    return r.items
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && !e.notLanded) return []
    throw e
  }
}

export async function fetchEnterprise(id: string): Promise<Enterprise> {
  await need('GET /api/v1/enterprises/{id}')
  return getJSON(`/api/v1/enterprises/${encodeURIComponent(id)}`)
}

/** ValueItem is one reported value (GET /api/v1/enterprises/{id}/values). */
export interface ValueItem {
  enterprise_id: number
  element: string
  period: string
  value: number
  name: string
  unit: string
}

/** fetchValues returns one element's reported values of an enterprise, every period. */
export async function fetchValues(enterprise: string, element: string): Promise<ValueItem[]> {
  await need('GET /api/v1/enterprises/{id}/values')
  const r = await getJSON<{ items: ValueItem[] }>(`/api/v1/enterprises/${encodeURIComponent(enterprise)}/values`, { element })
  return r.items
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

export interface TagKind {
  code: string
  name: string
  levels?: string[]
}

export async function fetchTags(): Promise<TagKind[]> {
  await need('GET /api/v1/tags')
  const r = await getJSON<{ items: TagKind[] }>('/api/v1/tags')
  return r.items
}

/** Change is one edit of a registry record: who, when, old → new, source. */
export interface Change {
  enterprise_id: number
  field: string
  old_value: string | null
  new_value: string | null
  source: string
  actor: string
  changed_at: string
}

export async function fetchHistory(id: string): Promise<Change[]> {
  await need('GET /api/v1/enterprises/{id}/history')
  const r = await getJSON<{ items: Change[] }>(`/api/v1/enterprises/${encodeURIComponent(id)}/history`)
  return r.items
}
