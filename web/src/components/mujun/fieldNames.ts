import { computed } from 'vue'
import { fetchCatalog } from '../../api/registry'
import { fetchMethods } from '../../api/mujun'
import { useLoad } from '../../utils/useLoad'
import { i18n } from '../../i18n'

// The engine's own fields (not data elements or indicators) by their Chinese names.
const engineFields = ['land', 'total', 'subtotal', 'rank_city', 'rank_county', 'class']

/**
 * useFieldNames names the codes a run carries — data elements (营业收入（万元）),
 * indicators (亩均税收) and engine fields — from the catalog and the methods,
 * falling back to the code when neither knows it.
 */
export function useFieldNames() {
  const catalog = useLoad(fetchCatalog)
  const methods = useLoad(fetchMethods)
  const names = computed(() => {
    const m: Record<string, string> = Object.fromEntries(engineFields.map((k) => [k, i18n.global.t(`engineField.${k}`)]))
    for (const e of catalog.data.value?.elements ?? []) m[e.code] = `${e.name}（${e.unit}）`
    for (const lm of methods.data.value ?? []) for (const i of lm.method.indicators) m[i.code] = `${i.name}（${i.unit}）`
    return m
  })
  const elements = computed(() => new Set((catalog.data.value?.elements ?? []).map((e) => e.code)))
  return {
    label: (code: string) => names.value[code] ?? code,
    /** isElement tells a reported data element (correctable by an appeal) from a registry field such as land. */
    isElement: (code: string) => elements.value.has(code),
  }
}
