import { getJSON, need } from './client'

// Shapes of /api/v1/chains (internal/registry/chainview.go): the plan's
// industrial chains with the caller's enterprise count per node.

export interface ChainNodeCount {
  code: string
  name: string
  enterprises: number
}

export interface ChainView {
  code: string
  name: string
  cluster: string
  sub_sector?: string
  status?: string
  ref: string
  nodes: ChainNodeCount[]
  edges: { from: string; to: string }[]
  /** enterprises linked to any node, each once */
  enterprises: number
  unit: string
}

export async function fetchChains(): Promise<ChainView[]> {
  await need('GET /api/v1/chains')
  const r = await getJSON<{ items: ChainView[] }>('/api/v1/chains')
  return r.items
}
