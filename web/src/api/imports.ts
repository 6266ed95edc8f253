import { ApiError, getJSON, need, upload, download } from './client'
import { labels } from '../i18n'

// Shapes of the collection API (internal/collect/history.go, problems.go).

/** Problem is one finding, located as precisely as the input allows. */
export interface Problem {
  severity: string
  sheet?: string
  row?: number
  column?: string
  cell?: string
  index?: number
  field?: string
  uscc?: string
  rule?: string
  message: string
}

/** ImportResult is what an import did; the history lists the same records. */
export interface ImportResult {
  id: number
  actor: string
  created_at: string
  file_name: string
  format: string
  sha256: string
  dataset: string
  period: string
  dry_run: boolean
  status: 'running' | 'committed' | 'checked' | 'rejected' | 'interrupted' | string
  rows_read: number
  inserted: number
  updated: number
  unchanged: number
  error_count: number
  warning_count: number
  message: string
  problems: Problem[] | null
  annotated_available: boolean
}

export const importStatusLabel = labels('importStatus')

export async function downloadTemplate(dataset: string, period: string): Promise<void> {
  await need('GET /api/v1/templates')
  await download('/api/v1/templates', `${dataset}_${period}.xlsx`, { dataset, period })
}

/**
 * postImport uploads a file. A rejected file comes back as an ImportResult
 * with status "rejected" and its problems, whether the server answers it
 * with 200 or with an error whose details carry the result.
 */
export async function postImport(file: File, opts: { dataset: string; period: string; dryRun: boolean }, onProgress: (p: number) => void): Promise<ImportResult> {
  await need('POST /api/v1/imports')
  const form = new FormData()
  form.append('file', file)
  form.append('dataset', opts.dataset)
  form.append('period', opts.period)
  if (opts.dryRun) form.append('dry_run', 'true')
  try {
    return await upload<ImportResult>('/api/v1/imports', form, onProgress)
  } catch (e) {
    const d = e instanceof ApiError ? (e.details as ImportResult | undefined) : undefined
    if (d && typeof d === 'object' && 'status' in d && 'problems' in d) return { ...d, message: d.message || (e as ApiError).message }
    throw e
  }
}

export async function downloadAnnotated(id: number): Promise<void> {
  await need('GET /api/v1/imports/{id}/annotated')
  await download(`/api/v1/imports/${id}/annotated`, `导入${id}_错误批注.xlsx`)
}

export async function fetchImports(limit = 20, offset = 0): Promise<{ items: ImportResult[]; total: number }> {
  await need('GET /api/v1/imports')
  return getJSON('/api/v1/imports', { limit, offset })
}
