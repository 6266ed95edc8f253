import type { Chain } from '../api/plan'
import type { EChartsOption } from './echarts'

/** NodeNote is what a page adds to a node: lines under its name and a size weight in [0, 1]. */
export interface NodeNote {
  lines: string[]
  weight: number
}

/**
 * chainOption draws an industrial chain left to right: each node sits in the
 * column of its longest path from a source, so upstream is always on the left.
 * With note, each node is sized by its weight (grey at 0) and labelled with
 * its lines (the 产业链 page: enterprises and an indicator per node).
 */
export function chainOption(c: Chain, note?: (code: string) => NodeNote): EChartsOption {
  const depth = new Map<string, number>(c.nodes.map((n) => [n.code, 0]))
  for (let i = 0; i < c.nodes.length; i++) {
    for (const e of c.edges) {
      const d = (depth.get(e.from) ?? 0) + 1
      if (d > (depth.get(e.to) ?? 0) && d < c.nodes.length) depth.set(e.to, d)
    }
  }
  const perColumn = new Map<number, number>()
  const nodes = c.nodes.map((n) => {
    const col = depth.get(n.code) ?? 0
    const row = perColumn.get(col) ?? 0
    perColumn.set(col, row + 1)
    const base = { id: n.code, name: n.name, x: col * 220, y: row * 70, symbolSize: 14 }
    if (!note) return base
    const { lines, weight } = note(n.code)
    return {
      ...base, y: row * 110, symbolSize: 24 + 36 * weight,
      itemStyle: { color: weight > 0 ? '#1677ff' : '#c0c4cc' },
      label: { position: 'bottom' as const, width: 160, formatter: [n.name, ...lines].join('\n'), lineHeight: 15 },
    }
  })
  return {
    tooltip: { formatter: (p: any) => (p.dataType === 'edge' ? `${nameOf(c, p.data.source)} → ${nameOf(c, p.data.target)}` : (p.data.label?.formatter ?? p.name).replace(/\n/g, '<br/>')) },
    series: [{
      type: 'graph',
      layout: 'none',
      roam: true,
      label: { show: true, position: 'right', fontSize: 12, width: 170, overflow: 'break' },
      edgeSymbol: ['none', 'arrow'],
      edgeSymbolSize: 8,
      lineStyle: { color: '#8aa1c1', width: 1.5, curveness: 0 },
      itemStyle: { color: '#1677ff' },
      data: nodes,
      links: c.edges.map((e) => ({ source: e.from, target: e.to })),
    }],
  }
}

function nameOf(c: Chain, code: string): string {
  return c.nodes.find((n) => n.code === code)?.name ?? code
}
