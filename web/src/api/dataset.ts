import { getJSON, need } from './client'

/** Dataset describes what the store holds (GET /api/v1/dataset). */
export interface Dataset {
  kind: 'demo' | 'real' | 'empty' | string
  label: string
  demo: boolean
  seed?: string
  enterprises: number
}

export async function fetchDataset(): Promise<Dataset> {
  await need('GET /api/v1/dataset')
  return getJSON<Dataset>('/api/v1/dataset')
}
