import { ElMessage } from 'element-plus'
import { ApiError } from '../../api/client'

/** errorText is the API's Chinese message, or the thrown text. */
export const errorText = (e: unknown) => (e instanceof ApiError ? e.message : String(e))

/** notifyFailure runs an action (a download, a publish) and shows its failure as a message. */
export async function notifyFailure(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn()
    return true
  } catch (e) {
    ElMessage.error(errorText(e))
    return false
  }
}
