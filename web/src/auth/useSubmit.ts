// The busy flag and error message every auth form shows around its one
// server call: the error is the server's Chinese message.
import { ref } from 'vue'

export function useSubmit() {
  const busy = ref(false)
  const error = ref('')
  async function run(action: () => Promise<unknown>): Promise<void> {
    error.value = ''
    busy.value = true
    try {
      await action()
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      busy.value = false
    }
  }
  return { busy, error, run }
}
