// 驾驶舱 and the other main pages render with their charts on the demo data,
// with no console error; each is saved as a screenshot in web/e2e-artifacts/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serverAndBrowser, openPage, screenshot } from './harness.mjs'
import { loadWorkbook } from './workbook.mjs'

const env = serverAndBrowser()

/** chartDrawn waits until an ECharts canvas inside sel has a size. */
async function chartDrawn(page, sel) {
  const canvas = page.locator(`${sel} canvas`).first()
  await canvas.waitFor({ timeout: 120_000 })
  const box = await canvas.boundingBox()
  assert.ok(box && box.width > 100 && box.height > 100, `${sel} chart has no size`)
}

test('驾驶舱 shows the headline cards, lagging ones first, and draws every chart without a console error', async () => {
  const { page, problems } = await openPage(env.br.context)
  await page.goto(env.srv.base + '/')
  const cards = page.locator('[data-test=headline-cards] [data-code]')
  await cards.first().waitFor({ timeout: 120_000 })
  assert.equal(await cards.count(), 20, 'one card per 专栏1 indicator')
  for (const sel of ['[data-test=trend-chart]', '[data-test=cluster-chart]', '[data-test=county-map]']) await chartDrawn(page, sel)
  // Lagging first: no card after a 达标/正常 card is 滞后 or 严重滞后.
  const states = await page.locator('[data-test=headline-cards] .status-tag').allTextContents()
  const rank = (s) => ({ 严重滞后: 0, 滞后: 1 })[s] ?? 2
  assert.deepEqual(states.map(rank), [...states.map(rank)].sort((a, b) => a - b))
  assert.match(await page.locator('[data-test=period-label]').textContent(), /数据期：\d{4}年/)
  if (env.srv.demo) assert.ok(await page.locator('[data-test=demo-badge]').isVisible(), '演示数据 badge')
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
    const { page, problems } = await openPage(env.br.context)
    await page.goto(env.srv.base + path)
    await page.locator(ready).first().waitFor({ timeout: 120_000 })
    await page.waitForLoadState('networkidle')
    await screenshot(page, name)
    assert.deepEqual(problems(), [])
    assert.equal(await page.locator('.el-alert--error').count(), 0, 'no API error shown')
    await page.close()
  })
}

test('the indicator table exports to an xlsx that looks like the screen', async () => {
  const { page, problems } = await openPage(env.br.context)
  await page.goto(env.srv.base + '/indicators')
  const rows = page.locator('[data-test=indicator-table] .el-table__body tr')
  await rows.first().waitFor({ timeout: 120_000 })
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=export]').click()])
  const path = join(await mkdtemp(join(tmpdir(), 'mfgplan-export-')), 'export.xlsx')
  await dl.saveAs(path)
  const ws = (await loadWorkbook(path)).worksheets[0]
  assert.match(String(ws.getCell('A1').value), /指标监测表/)
  assert.match(String(ws.getCell('A2').value), /范围：全市　数据期：\d{4}年/)
  const head = ws.getRow(3).values.filter(Boolean)
  for (const h of ['指标', '单位', '序时目标', '实际值', '完成率（%）', '状态', '原因']) assert.ok(head.includes(h), `header ${h}`)
  assert.equal(ws.rowCount - 3, await rows.count(), 'one row per indicator on screen')
  const statusCol = ws.getRow(3).values.indexOf('状态')
  const fills = new Set()
  for (let r = 4; r <= ws.rowCount; r++) fills.add(ws.getRow(r).getCell(statusCol).fill?.fgColor?.argb)
  assert.ok(fills.has('FFD93026') || fills.has('FFE6A23C') || fills.has('FF2E7D32'), `status cells are coloured: ${[...fills]}`)
  assert.deepEqual(problems(), [])
  await page.close()
})

test('规划 page lists the 20 headline indicators and draws a chain graph', async () => {
  const { page, problems } = await openPage(env.br.context)
  await page.goto(env.srv.base + '/plan')
  const rows = page.locator('[data-test=plan-indicators] .el-table__body tr')
  await rows.first().waitFor()
  assert.equal(await rows.count(), 20)
  assert.ok(await page.getByText('全部工业增加值').first().isVisible())
  await screenshot(page, 'plan')
  await page.getByRole('tab', { name: '产业链' }).click()
  await page.locator('[data-test=chain-graph] canvas').waitFor()
  await screenshot(page, 'plan-chain')
  assert.deepEqual(problems(), [])
  await page.close()
})

test('an unknown client route shows the not-found page, and the API 404s in Chinese', async () => {
  const { page, problems } = await openPage(env.br.context)
  await page.goto(env.srv.base + '/no/such/page')
  await page.getByText('页面不存在').waitFor()
  const res = await fetch(env.srv.base + '/api/v1/no-such-endpoint')
  assert.equal(res.status, 404)
  assert.match((await res.json()).error.message, /接口不存在/)
  assert.deepEqual(problems(), [])
  await page.close()
})
