import type { IndicatorRow } from '../api/indicators'
import type { ExportColumn } from './xlsxExport'
import { fmtPct, fmtVal } from './format'
import { i18n } from '../i18n'

const t = i18n.global.t

// The indicator table's columns, written once and used both on screen and
// in the xlsx export so the file looks like the page.
// Headers are named in the current locale, so the page and its file read alike.
export const indicatorColumns = (): (ExportColumn<IndicatorRow> & { key: string; display: (r: IndicatorRow) => string })[] => [
  { key: 'name', header: t('xcol.name'), width: 40, value: (r) => r.name, display: (r) => r.name },
  { key: 'unit', header: t('xcol.unit'), width: 8, value: (r) => r.unit, display: (r) => r.unit },
  { key: 'baseline', header: t('xcol.baseline'), width: 12, value: (r) => r.baseline?.value, display: (r) => (r.baseline ? t('indd.baselineOf', { value: fmtVal(r.baseline.value, r.unit), year: r.baseline.year }) : '—') },
  { key: 'target', header: t('xcol.target'), width: 12, value: (r) => r.target, display: (r) => fmtVal(r.target, r.unit) + (r.target_year ? `（${r.target_year}）` : '') },
  { key: 'period', header: t('xcol.period'), width: 12, value: (r) => r.period_label, display: (r) => r.period_label },
  { key: 'target_to_date', header: t('xcol.target_to_date'), width: 12, value: (r) => r.target_to_date, display: (r) => fmtVal(r.target_to_date, r.unit) },
  { key: 'actual', header: t('xcol.actual'), width: 12, value: (r) => r.actual, display: (r) => fmtVal(r.actual, r.unit) },
  { key: 'completion_pct', header: t('xcol.completion_pct'), width: 11, value: (r) => r.completion_pct, numFmt: '0.0', display: (r) => fmtPct(r.completion_pct) },
  { key: 'required_cagr_pct', header: t('xcol.required_cagr_pct'), width: 14, value: (r) => r.required_cagr_pct, numFmt: '0.0', display: (r) => fmtPct(r.required_cagr_pct) },
  { key: 'status', header: t('xcol.status'), width: 10, value: (r) => r.status, status: (r) => r.status, display: (r) => r.status ?? '' },
  { key: 'reason', header: t('xcol.reason'), width: 50, value: (r) => r.reason, display: (r) => r.reason ?? '' },
]
