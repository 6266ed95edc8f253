// An analyst drills from an indicator to a county, a park and a firm, and
// switches the 数据口径 (data basis) of the monitoring pages.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, openPage, screenshot } from './harness.mjs'

const env = serverAndBrowser()

/** busiestRow clicks the breakdown row with the most firms (the last column). */
async function clickBusiestRow(page) {
  const rows = page.locator('[data-test=breakdown] .el-table__body tr')
  await rows.first().waitFor({ timeout: 120_000 })
  const firms = await rows.locator('td:last-child').allTextContents()
  const counts = firms.map((t) => Number(t.replace(/[^\d]/g, '')) || 0)
  const best = counts.indexOf(Math.max(...counts))
  assert.ok(counts[best] > 0, 'some unit has firms')
  const label = (await rows.nth(best).locator('td').first().textContent()).trim()
  await rows.nth(best).click()
  return label
}

test('from 五大支柱产业营业收入 to a county, a park and one of its firms', async () => {
  const { page, problems } = await openPage(env.br.context)
  await page.goto(env.srv.base + '/indicators')
  await page.locator('[data-test=indicator-table] .el-link', { hasText: '五大支柱产业营业收入' }).click({ timeout: 120_000 })
  await page.locator('[data-test=indicator-name]', { hasText: '五大支柱产业营业收入' }).waitFor()
  await page.locator('[data-test=path-chart] canvas').waitFor({ timeout: 60_000 })
  await page.locator('[data-test=formula]').waitFor()

  const county = await clickBusiestRow(page)
  await page.locator('[data-test=crumbs]', { hasText: county }).waitFor()
  assert.match(page.url(), /org=5117\d\d/)
  await page.waitForLoadState('networkidle')
  await screenshot(page, 'drill-county')

  const park = await clickBusiestRow(page)
  await page.locator('[data-test=crumbs]', { hasText: park }).waitFor()
  await page.locator('[data-test=breakdown]', { hasText: '占比' }).waitFor()

  const firm = page.locator('[data-test=breakdown] .el-table__body tr').first()
  const firmName = (await firm.locator('td').first().textContent()).trim()
  await firm.click()
  await page.locator('[data-test=enterprise-name]', { hasText: firmName }).waitFor()
  const facts = await page.locator('[data-test=enterprise-facts]').textContent()
  assert.match(facts, /[0-9A-Z]{18}/, 'the firm shows its USCC')
  assert.ok(facts.includes(county), 'the firm sits in the county drilled into')
  await screenshot(page, 'drill-firm')
  assert.deepEqual(problems(), [])
  await page.close()
})

/** basisRequest waits for a request to an indicator API path carrying basis. */
function basisRequest(page, path, basis) {
  return page.waitForRequest((r) => {
    const u = new URL(r.url())
    return u.pathname === path && u.searchParams.get('basis') === basis
  }, { timeout: 120_000 })
}

test('the 数据口径 switch reloads 驾驶舱 and 指标监测 in the approved basis, and their labels say the basis the server used', async () => {
  const { page, problems } = await openPage(env.br.context)
  await page.goto(env.srv.base + '/')
  const label = page.locator('[data-test=dashboard] [data-test=basis-label]')
  await label.waitFor({ timeout: 120_000 })
  // The demo server keeps the default setting (analytics.approved_only off).
  assert.equal(await label.getAttribute('data-basis'), 'all')
  assert.match(await label.textContent(), /数据口径：全部数据/)

  const asked = basisRequest(page, '/api/v1/indicators', 'approved')
  await page.locator('[data-test=dashboard] [data-test=basis-approved]').click()
  await asked
  await page.locator('[data-test=dashboard] [data-test=basis-label][data-basis=approved]').waitFor({ timeout: 120_000 })
  assert.match(await label.textContent(), /数据口径：仅已审核数据/)
  await page.waitForLoadState('networkidle')
  await screenshot(page, 'dashboard-approved')

  // The choice holds on the next page: 指标监测 asks for and shows the approved basis.
  const kept = basisRequest(page, '/api/v1/indicators', 'approved')
  await page.locator('[data-nav=indicators]').click()
  await kept
  const tableLabel = page.locator('[data-test=basis-label][data-basis=approved]')
  await tableLabel.waitFor({ timeout: 120_000 })
  assert.match(await tableLabel.textContent(), /仅已审核数据/)

  const back = basisRequest(page, '/api/v1/indicators', 'all')
  await page.locator('[data-test=basis-all]').click()
  await back
  await page.locator('[data-test=basis-label][data-basis=all]').waitFor({ timeout: 120_000 })
  assert.deepEqual(problems(), [])
  await page.close()
})
