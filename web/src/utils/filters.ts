import { computed, reactive } from 'vue'

/**
 * The reporting period chosen in the header of the monitoring pages, kept
 * while the user moves between 驾驶舱, 指标 and the drill-downs so a figure
 * never silently changes period. period is "2024" (the year as a whole),
 * "2024Q2" or "2024-06" (1–6月累计).
 */
export const periodFilter = reactive({
  year: Math.min(new Date().getFullYear(), 2025),
  sub: 'Y' as string, // 'Y' (whole year), 'Q1'…'Q4', '01'…'12'
})

export const periodParam = computed(() => {
  const { year, sub } = periodFilter
  if (sub === 'Y') return String(year)
  return sub.startsWith('Q') ? `${year}${sub}` : `${year}-${sub}`
})
