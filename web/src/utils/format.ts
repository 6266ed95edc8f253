// Number and status formatting shared by every page, so a figure always
// shows with its unit and the same precision everywhere.

import { i18n, labels } from '../i18n'

export function fmtNum(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—'
  const abs = Math.abs(v)
  const d = Number.isInteger(v) && abs < 1e9 ? 0 : abs >= 1000 ? 1 : digits
  return v.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: d })
}

/** fmtVal formats a value with its unit ("479.9 亿元", "7.1%"). */
export function fmtVal(v: number | null | undefined, unit?: string, digits = 2): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—'
  const n = fmtNum(v, digits)
  if (!unit) return n
  return unit === '%' ? `${n}%` : `${n} ${unit}`
}

/** fmtPct formats a ratio already expressed in percent. */
export function fmtPct(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—'
  return `${v.toFixed(digits)}%`
}

export type StatusKind = 'met' | 'on_track' | 'lagging' | 'severe' | 'unknown'

// The indicator engine names statuses 达标 / 正常 / 滞后 / 严重滞后, and
// 无数据 / 无目标 / 无参照值 when it cannot judge (shown grey, with the reason).
const statusAlias: Record<string, StatusKind> = {
  达标: 'met',
  正常: 'on_track',
  滞后: 'lagging',
  严重滞后: 'severe',
}

export function statusKind(s: string | null | undefined): StatusKind {
  return (s && statusAlias[s]) || 'unknown'
}

export const statusColor: Record<StatusKind, string> = {
  met: '#2e7d32',
  on_track: '#1677ff',
  lagging: '#e6a23c',
  severe: '#d93026',
  unknown: '#909399',
}

export const statusLabel = labels('status')

/** statusRank orders lagging items first (lower sorts first). */
export function statusRank(s: string | null | undefined): number {
  return { severe: 0, lagging: 1, unknown: 2, on_track: 3, met: 4 }[statusKind(s)]
}

/** statusText is the engine's own word, or 无数据 when there is none. */
export function statusText(s: string | null | undefined): string {
  return s || (statusLabel.unknown ?? '')
}

/** periodLabel turns "2024", "2024Q2", "2024-06" into words of the current locale. */
export function periodLabel(p: string | null | undefined): string {
  if (!p) return '—'
  let m = /^(\d{4})-(\d{2})$/.exec(p)
  if (m) return i18n.global.t('periodLabel.ytd', { y: m[1], m: Number(m[2]) })
  m = /^(\d{4})Q([1-4])$/.exec(p)
  if (m) return i18n.global.t('periodLabel.quarter', { y: m[1], q: m[2] })
  if (/^\d{4}$/.test(p)) return i18n.global.t('entd.yearOf', { year: p })
  return p
}
