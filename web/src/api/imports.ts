import { getJSON, need, upload, download } from './client'

// Shapes of the collection API (internal/httpapi/imports.go, templates.go).

export interface CellError {
  sheet?: string
  row?: number
  column?: string
  cell?: string
  field?: string
  value?: string
  reason?: string
  message?: string
  severity?: string
  [k: string]: unknown
}

export interface ImportResult {
  id?: number | string
  status?: string
  dry_run?: boolean
  rows?: number
  values?: number
  changed?: number
  errors?: CellError[]
  warnings?: CellError[]
  [k: string]: unknown
}

export interface ImportRecord {
  id: number | string
  file_name?: string
  dataset?: string
  period?: string
  status?: string
  created_at?: string
  user?: string
  rows?: number
  values?: number
  errors?: number
  sha256?: string
  [k: string]: unknown
}

export async function downloadTemplate(dataset: string, period: string): Promise<void> {
  await need('GET /api/v1/templates')
  await download('/api/v1/templates', `${dataset}_${period}.xlsx`, { dataset, period })
}

export async function postImport(file: File, opts: { dataset: string; period: string; dryRun: boolean }, onProgress: (p: number) => void): Promise<ImportResult> {
  await need('POST /api/v1/imports')
  const form = new FormData()
  form.append('file', file)
  form.append('dataset', opts.dataset)
  form.append('period', opts.period)
  if (opts.dryRun) form.append('dry_run', 'true')
  return upload<ImportResult>('/api/v1/imports', form, onProgress)
}

export async function downloadAnnotated(id: number | string): Promise<void> {
  await need('GET /api/v1/imports/{id}/annotated')
  await download(`/api/v1/imports/${id}/annotated`, `import_${id}_批注.xlsx`)
}

export async function fetchImports(limit = 20, offset = 0): Promise<{ items: ImportRecord[]; total: number }> {
  await need('GET /api/v1/imports')
  return getJSON('/api/v1/imports', { limit, offset })
}
