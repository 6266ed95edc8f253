// The main pages render in Chromium against the real binary, without a
// console error, and are saved as screenshots in web/e2e-artifacts/.
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

test('规划 page lists the 20 headline indicators and draws a chain graph', async () => {
  const { page, problems } = await openPage(br.context)
  await page.goto(srv.base + '/plan')
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
  const { page, problems } = await openPage(br.context)
  await page.goto(srv.base + '/no/such/page')
  await page.getByText('页面不存在').waitFor()
  const res = await fetch(srv.base + '/api/v1/no-such-endpoint')
  assert.equal(res.status, 404)
  assert.match((await res.json()).error.message, /接口不存在/)
  assert.deepEqual(problems(), [])
  await page.close()
})
