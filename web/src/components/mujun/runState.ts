import { reactive, toRef } from 'vue'
import { i18n } from '../../i18n'
import { fetchRuns, type MujunRun } from '../../api/mujun'
import { fetchPlan } from '../../api/plan'

/**
 * The 亩均 run chosen on one page stays chosen on the others (排名, 评价卡,
 * 申诉), so a figure never silently comes from another version.
 */
// method starts as the plan's 亩均 method (plan.evaluation.mujun_method), set once the plan is read.
export const mujunState = reactive({ year: new Date().getFullYear() - 1, method: '', runId: 0, ready: false })

/** yearChosen is true once the starting year is settled; the pages load after it. */
export const yearChosen = toRef(mujunState, 'ready')

/** preferredRun picks the year's published run, else the newest. */
export function preferredRun(runs: MujunRun[]): MujunRun | undefined {
  return runs.find((r) => r.status === 'published') ?? runs[0]
}

/** runLabel names a run as users see it: 2024年 第3版（已发布）. */
export function runLabel(r: MujunRun, status: Record<string, string | undefined>): string {
  return i18n.global.t('mj.runLabel', { year: r.year, method: r.method_id, v: r.version, status: status[r.status] ?? r.status })
}

let started = false

/** startAtNewestRun moves the year to the newest evaluated one, once per page load. */
export async function startAtNewestRun(): Promise<void> {
  if (started) return
  started = true
  try {
    const [runs, plan] = await Promise.all([fetchRuns(), fetchPlan()])
    if (!mujunState.method) mujunState.method = plan.plan.evaluation?.mujun_method ?? ''
    const newest = runs[0]
    if (newest) mujunState.year = newest.year
  } catch {
    started = false // the page's own request shows the error
  } finally {
    mujunState.ready = true
  }
}
