import { ref, shallowRef, watch, type Ref, type WatchSource } from 'vue'
import { ApiError } from '../api/client'

/**
 * useLoad runs an API call now and again whenever a source changes, and
 * exposes loading / error / data for PageState. A stale answer (an older
 * request finishing after a newer one) is dropped.
 */
export function useLoad<T>(fn: () => Promise<T>, sources: WatchSource[] = []) {
  const data = shallowRef<T | null>(null) as Ref<T | null>
  const loading = ref(true)
  const error = shallowRef<ApiError | null>(null)
  let seq = 0
  async function reload(): Promise<void> {
    const mine = ++seq
    loading.value = true
    error.value = null
    try {
      const v = await fn()
      if (mine === seq) data.value = v
    } catch (e) {
      if (mine !== seq) return
      data.value = null
      error.value = e instanceof ApiError ? e : new ApiError(0, 'client', '页面处理数据时出错：' + String((e as Error)?.message ?? e))
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  watch(sources, reload, { immediate: true, deep: true })
  return { data, loading, error, reload }
}
