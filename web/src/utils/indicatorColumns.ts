import type { IndicatorRow } from '../api/indicators'
import type { ExportColumn } from './xlsxExport'
import { fmtPct, fmtVal } from './format'

// The indicator table's columns, written once and used both on screen and
// in the xlsx export so the file looks like the page.
export const indicatorColumns: (ExportColumn<IndicatorRow> & { key: string; display: (r: IndicatorRow) => string })[] = [
  { key: 'name', header: '指标', width: 40, value: (r) => r.name, display: (r) => r.name },
  { key: 'unit', header: '单位', width: 8, value: (r) => r.unit, display: (r) => r.unit },
  { key: 'baseline', header: '基期值', width: 12, value: (r) => r.baseline?.value, display: (r) => (r.baseline ? `${fmtVal(r.baseline.value, r.unit)}（${r.baseline.year}）` : '—') },
  { key: 'target', header: '规划目标', width: 12, value: (r) => r.target, display: (r) => fmtVal(r.target, r.unit) + (r.target_year ? `（${r.target_year}）` : '') },
  { key: 'period', header: '数据期', width: 12, value: (r) => r.period_label, display: (r) => r.period_label },
  { key: 'target_to_date', header: '序时目标', width: 12, value: (r) => r.target_to_date, display: (r) => fmtVal(r.target_to_date, r.unit) },
  { key: 'actual', header: '实际值', width: 12, value: (r) => r.actual, display: (r) => fmtVal(r.actual, r.unit) },
  { key: 'completion_pct', header: '完成率（%）', width: 11, value: (r) => r.completion_pct, numFmt: '0.0', display: (r) => fmtPct(r.completion_pct) },
  { key: 'required_cagr_pct', header: '所需年均增速（%）', width: 14, value: (r) => r.required_cagr_pct, numFmt: '0.0', display: (r) => fmtPct(r.required_cagr_pct) },
  { key: 'status', header: '状态', width: 10, value: (r) => r.status, status: (r) => r.status, display: (r) => r.status ?? '' },
  { key: 'reason', header: '原因', width: 50, value: (r) => r.reason, display: (r) => r.reason ?? '' },
]
