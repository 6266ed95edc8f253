import type { Plan, PlanIndicator } from '../api/plan'
import { fmtVal } from './format'
import { i18n, labels } from '../i18n'

/** targetText renders a plan target as the plan states it (level, 【】 cumulative, [ ] growth, external). */
export function targetText(i: PlanIndicator): string {
  const t = i.target
  switch (t.kind) {
    case 'external':
      return /^(达到|完成)/.test(t.external ?? '') ? t.external! : `达到${t.external ?? '外部参照'}`
    case 'cumulative':
      return `【${fmtVal(t.value, i.unit)}】` + i18n.global.t('planTarget.cumulative', { year: t.year })
    case 'growth':
      return `[${fmtVal(t.value, i.unit)}]` + i18n.global.t('planTarget.growth')
    default:
      return fmtVal(t.value, i.unit)
  }
}

export const targetKindLabel = labels('targetKind')

export const pathLabel = labels('path')

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
