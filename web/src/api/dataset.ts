import { getJSON } from './client'

/** Dataset describes what the store holds (GET /api/v1/dataset). */
export interface Dataset {
  demo: boolean
  label?: string
  [k: string]: unknown
}

export function fetchDataset(): Promise<Dataset> {
  return getJSON<Dataset>('/api/v1/dataset')
}
