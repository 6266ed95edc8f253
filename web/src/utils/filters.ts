import { computed, reactive } from 'vue'
import type { Basis, PeriodQuery } from '../api/indicators'

/**
 * The reporting period chosen on the monitoring pages, kept while the user
 * moves between 驾驶舱, 指标 and the drill-downs so a figure never silently
 * changes period. year 0 means "the latest period with data"; sub is 'Y'
 * (the year's latest period with data), 'Q1'…'Q4', or '01'…'12' (1–N月累计).
 * basis is the data basis (数据口径) chosen with BasisSwitch; '' leaves it to
 * the server, which uses the analytics.approved_only setting.
 */
export const periodFilter = reactive({ year: 0, sub: 'Y', basis: '' as Basis | '' })

/** periodQuery is what the indicator API takes for the chosen period. */
export const periodQuery = computed<PeriodQuery>(() => {
  const { year, sub } = periodFilter
  const basis = periodFilter.basis || undefined
  if (!year) return { basis }
  if (sub === 'Y') return { year, basis }
  return { period: sub.startsWith('Q') ? `${year}${sub}` : `${year}-${sub}`, basis }
})
