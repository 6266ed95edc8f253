import { getJSON, postJSON, download, need } from './client'
import { labels } from '../i18n'

// Shapes of the 亩均评价 API (internal/httpapi/mujun*.go, internal/mujun).

export interface MujunIndicator {
  code: string
  name: string
  unit: string
  weight: number
  source: string
}

export interface MujunMethod {
  method: { id: string; version: number; name: string; effective_from: string; source: string; note?: string; indicators: MujunIndicator[] }
  hash: string
  file: string
}

export interface MujunRun {
  id: number
  year: number
  method_id: string
  method_version: number
  method_hash: string
  version: number
  content_hash: string
  entry_count: number
  status: 'draft' | 'published' | 'superseded' | string
  trigger: string
  created_by: string
  created_at: string
  published_by?: string
  published_at?: string
}

export interface EntryItem {
  code: string
  value: number
  missing?: boolean
  benchmark: number
  score: number
  note?: string
}

export interface MujunEntry {
  enterprise_id: number
  uscc: string
  name: string
  county: string
  park: string
  cluster: string
  industry: string
  inputs: Record<string, number>
  adjustments?: { code: string; points: number; reason?: string }[]
  subtotal: number
  total: number
  rank_county?: number
  rank_city?: number
  class: string
  reason?: string
  items?: EntryItem[]
}

export interface EntryPage {
  run: MujunRun
  items: MujunEntry[]
  total: number
  limit: number
  offset: number
  unit: string
  period: string
}

export interface EntryFilter {
  county?: string
  park?: string
  cluster?: string
  class?: string
  limit?: number
  offset?: number
}

export interface GroupCount {
  county: string
  graded: number
  counts: Record<string, number>
  shares: Record<string, number>
}

export interface Distribution {
  run: MujunRun
  counties: GroupCount[]
  all: GroupCount
  unit: string
  period: string
  note: string
}

export interface CardItem {
  code: string
  name: string
  unit: string
  weight: number
  value: number | null
  benchmark: number
  score: number
  note?: string
  county_average: number | null
  park_average: number | null
}

export interface ClassHistory {
  year: number
  run_id: number
  version: number
  status: string
  class: string
  total: number
  rank_city: number
}

export interface ReportCard {
  run: MujunRun
  method_name: string
  entry: MujunEntry
  items: CardItem[]
  history: ClassHistory[]
  period: string
  note: string
}

export interface Change {
  field: string
  from: unknown
  to: unknown
}

export interface FirmDiff {
  enterprise_id: number
  name: string
  kind: 'changed' | 'added' | 'removed' | string
  inputs?: Change[]
  scores?: Change[]
  ranks?: Change[]
  class?: Change
}

export interface RunDiff {
  from: MujunRun
  to: MujunRun
  firms: FirmDiff[]
  unit: string
  period: string
  summary: string
}

export interface ParkRow {
  rank: number
  park: string
  name: string
  county: string
  firms: number
  land_mu: number
  revenue_per_mu: number
  tax_per_mu: number
  average_total: number
  share_a: number
}

export interface ParkRanking {
  run: MujunRun
  items: ParkRow[]
  unit: string
  period: string
}

export interface PricingRow {
  enterprise_id: number
  name: string
  uscc: string
  county: string
  class: string
  consecutive_years: number
  amount: number | null
  unit: string
  note?: string
  source: string
}

export interface ResourceList {
  resource: string
  name: string
  unit: string
  rows: PricingRow[]
}

export interface PriceLists {
  year: number
  jurisdiction: string
  jurisdiction_name: string
  run: MujunRun
  as_of: string
  lists: ResourceList[]
  period: string
}

export interface AppealEvent {
  status: string
  actor: string
  note: string
  at: string
}

export interface Appeal {
  id: number
  run_id: number
  enterprise_id: number
  reason: string
  attachment_name?: string
  attachment_size: number
  corrections?: Record<string, number>
  status: 'filed' | 'accepted' | 'rejected' | string
  filed_by: string
  filed_at: string
  reviewed_by?: string
  reviewed_at?: string
  review_note?: string
  new_run_id?: number
  events: AppealEvent[]
}

const base = '/api/v1/mujun'

export async function fetchMethods(): Promise<MujunMethod[]> {
  await need('GET /api/v1/mujun/methods')
  return (await getJSON<{ items: MujunMethod[] }>(`${base}/methods`)).items
}

export async function fetchRuns(q: { year?: number; method?: string } = {}): Promise<MujunRun[]> {
  await need('GET /api/v1/mujun/runs')
  return (await getJSON<{ items: MujunRun[] }>(`${base}/runs`, q)).items ?? []
}

export const startRun = (year: number, method: string) => postJSON<{ run: MujunRun; created: boolean }>(`${base}/runs`, { year, method })
export const publishRun = (id: number) => postJSON<MujunRun>(`${base}/runs/${id}/publish`, {})
export const fetchRun = (id: number) => getJSON<MujunRun>(`${base}/runs/${id}`)
export const fetchDiff = (id: number, against: number) => getJSON<RunDiff>(`${base}/runs/${id}/diff`, { against })
export const fetchEntries = (id: number, f: EntryFilter) => getJSON<EntryPage>(`${base}/runs/${id}/entries`, { ...f })
export const fetchDistribution = (id: number) => getJSON<Distribution>(`${base}/runs/${id}/distribution`)
export const fetchCard = (id: number, eid: number) => getJSON<ReportCard>(`${base}/runs/${id}/enterprises/${eid}`)
export const fetchParks = (year: number, method?: string) => getJSON<ParkRanking>(`${base}/parks`, { year, method })
export const fetchPricing = (year: number, method?: string) => getJSON<PriceLists>(`${base}/pricing`, { year, method })
export const fetchAppeals = async (runId: number, status?: string) =>
  (await getJSON<{ items: Appeal[] }>(`${base}/runs/${runId}/appeals`, { status })).items ?? []
/** reviewAppeal accepts or rejects; accepted corrections (input code → value) make a new run version. */
export const reviewAppeal = (aid: number, accept: boolean, note: string, corrections?: Record<string, number>) =>
  postJSON<Appeal>(`${base}/appeals/${aid}/review`, { accept, note, corrections })

/**
 * fileAppeal sends the appeal as JSON with the attachment in base64 (the
 * API's shape), through the client's postJSON so it carries whatever
 * headers (CSRF) the client adds.
 */
export async function fileAppeal(runId: number, enterpriseId: number, reason: string, file?: File | null): Promise<Appeal> {
  const body: Record<string, unknown> = { enterprise_id: enterpriseId, reason }
  if (file) {
    body.attachment_name = file.name
    body.attachment = await toBase64(file)
  }
  return postJSON<Appeal>(`${base}/runs/${runId}/appeals`, body)
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''))
    r.onerror = () => reject(new Error('读取附件失败'))
    r.readAsDataURL(file)
  })
}

export const downloadEntries = (id: number, f: EntryFilter) =>
  download(`${base}/runs/${id}/entries.xlsx`, `亩均评价结果_${id}.xlsx`, { county: f.county, park: f.park, cluster: f.cluster, class: f.class })
export const downloadDistribution = (id: number) => download(`${base}/runs/${id}/distribution.xlsx`, `亩均类别分布_${id}.xlsx`)
export const downloadParks = (year: number, method?: string) => download(`${base}/parks.xlsx`, `园区亩均排名_${year}.xlsx`, { year, method })
export const downloadPricing = (resource: string, year: number, method?: string) =>
  download(`${base}/pricing/${resource}`, `差别化名单_${resource}_${year}.xlsx`, { year, method })
export const downloadAttachment = (aid: number, name: string) => download(`${base}/appeals/${aid}/attachment`, name)

/** statusLabel names a run's or an appeal's status, and an appeal's history step (rerun), in the user's language. */
export const statusLabel = labels('mujunStatus')
export const classColor: Record<string, string> = { A: '#2e7d32', B: '#1677ff', C: '#e6a23c', D: '#d93026', T: '#909399' }
export const classes = ['A', 'B', 'C', 'D', 'T']
