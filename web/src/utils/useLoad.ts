import { computed, ref, shallowRef, watch, type Ref, type WatchSource } from 'vue'
import { ApiError } from '../api/client'

/**
 * useLoad runs an API call now and again whenever a source changes, and
 * exposes loading / error / data for PageState. A stale answer (an older
 * request finishing after a newer one) is dropped. With `after`, the call
 * waits until that flag is true (one request after another, see settled).
 */
export function useLoad<T>(fn: () => Promise<T>, sources: WatchSource[] = [], after?: Ref<boolean>) {
  const data = shallowRef<T | null>(null) as Ref<T | null>
  const loading = ref(true)
  const error = shallowRef<ApiError | null>(null)
  let seq = 0
  async function reload(): Promise<void> {
    const mine = ++seq
    loading.value = true
    error.value = null
    if (after && !after.value) return // runs when `after` turns true
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
  watch(after ? [...sources, after] : sources, reload, { immediate: true, deep: true })
  return { data, loading, error, reload }
}

/**
 * settled is true once a load has finished, with or without success. Pages
 * that read several indicator endpoints start the others after the first
 * has settled: the indicator engine brings its analytics up to date on the
 * first read after new data, and one read doing that alone is faster than
 * several racing to do it.
 */
export function settled(l: { loading: Ref<boolean> }): Ref<boolean> {
  return computed(() => !l.loading.value)
}
