import type { Plan, PlanIndicator } from '../api/plan'
import { fmtVal } from './format'

/** targetText renders a plan target as the plan states it (level, 【】 cumulative, [ ] growth, external). */
export function targetText(i: PlanIndicator): string {
  const t = i.target
  switch (t.kind) {
    case 'external':
      return /^(达到|完成)/.test(t.external ?? '') ? t.external! : `达到${t.external ?? '外部参照'}`
    case 'cumulative':
      return `【${fmtVal(t.value, i.unit)}】（${t.year}年前累计）`
    case 'growth':
      return `[${fmtVal(t.value, i.unit)}]（年均增长）`
    default:
      return fmtVal(t.value, i.unit)
  }
}

export const targetKindLabel: Record<string, string> = {
  level: '期末水平', cumulative: '五年累计', growth: '增速', external: '外部参照',
}

export const pathLabel: Record<string, string> = { compound: '复合增长路径', linear: '线性路径' }

export function countyName(p: Plan, code: string | undefined): string {
  if (!code) return '—'
  return p.counties.find((c) => c.code === code)?.name ?? code
}

export function clusterName(p: Plan, code: string | undefined): string {
  if (!code) return '—'
  return p.clusters.find((c) => c.code === code)?.name ?? code
}

export function categoryName(p: Plan, code: string): string {
  return p.categories.find((c) => c.code === code)?.name ?? code
}
