// 驾驶舱 and the other main pages render with their charts on the demo data,
// with no console error; each is saved as a screenshot.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, startBrowser, openPage, screenshot } from './harness.mjs'

let srv, br

before(async () => {
  srv = await startServer()
  br = await startBrowser()
})
after(async () => {
  await br?.close()
  await srv?.stop()
})

/** chartDrawn waits until an ECharts canvas inside sel has a size. */
async function chartDrawn(page, sel) {
  const canvas = page.locator(`${sel} canvas`).first()
  await canvas.waitFor({ timeout: 120_000 })
  const box = await canvas.boundingBox()
  assert.ok(box && box.width > 100 && box.height > 100, `${sel} chart has no size`)
}

test('驾驶舱 shows the headline cards, lagging ones first, and draws every chart without a console error', async () => {
  const { page, problems } = await openPage(br.context)
  await page.goto(srv.base + '/')
  const cards = page.locator('[data-test=headline-cards] [data-code]')
  await cards.first().waitFor({ timeout: 120_000 })
  assert.equal(await cards.count(), 20, 'one card per 专栏1 indicator')
  for (const sel of ['[data-test=trend-chart]', '[data-test=cluster-chart]', '[data-test=county-map]']) await chartDrawn(page, sel)
  // Lagging first: no card after a 达标/正常 card is 滞后 or 严重滞后.
  const states = await page.locator('[data-test=headline-cards] .status-tag').allTextContents()
  const rank = (s) => ({ 严重滞后: 0, 滞后: 1 })[s] ?? 2
  assert.deepEqual(states.map(rank), [...states.map(rank)].sort((a, b) => a - b))
  assert.match(await page.locator('[data-test=period-label]').textContent(), /数据期：\d{4}年/)
  if (srv.demo) assert.ok(await page.locator('[data-test=demo-badge]').isVisible(), '演示数据 badge')
  await screenshot(page, 'dashboard')
  assert.deepEqual(problems(), [])
  await page.close()
})

const pages = [
  ['indicators', '/indicators', '[data-test=indicator-table] .el-table__body tr'],
  ['enterprises', '/enterprises', '[data-test=enterprise-table] .el-table__body tr'],
  ['clusters', '/clusters', '[data-test=cluster-chart] canvas'],
  ['parks', '/parks', '[data-test=park-table] .el-table__body tr'],
  ['filing', '/filing', '[data-test=download-template]'],
]

for (const [name, path, ready] of pages) {
  test(`${name} page renders without a console error`, async () => {
    const { page, problems } = await openPage(br.context)
    await page.goto(srv.base + path)
    await page.locator(ready).first().waitFor({ timeout: 120_000 })
    await page.waitForLoadState('networkidle')
    await screenshot(page, name)
    assert.deepEqual(problems(), [])
    assert.equal(await page.locator('.el-alert--error').count(), 0, 'no API error shown')
    await page.close()
  })
}
