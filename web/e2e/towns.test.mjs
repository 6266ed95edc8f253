// A county's towns (乡镇/街道): a town added through the API appears as a
// filter once its county is chosen, and the firm placed in it shows the
// town in the list and on its page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, openPage, screenshot } from './harness.mjs'

const env = serverAndBrowser()
const county = '511722' // 宣汉县
const town = { parent_code: county, code: '511722199', name: '测试乡镇甲' }

/** send makes a JSON request as the logged-in city user, with its CSRF token. */
async function send(method, path, data) {
  const req = env.br.context.request
  const me = await (await req.get(env.srv.base + '/api/v1/auth/me')).json()
  const res = await req.fetch(env.srv.base + path, { method, data, headers: { 'X-CSRF-Token': me.csrf_token } })
  assert.ok(res.ok(), `${method} ${path}: HTTP ${res.status()} ${await res.text()}`)
  return res.json()
}

test('a town filter appears for a county with towns, and a firm shows its town', async () => {
  await send('POST', '/api/v1/org-units', town)
  const firms = await send('GET', `/api/v1/enterprises?county=${county}&limit=1`)
  const firm = firms.items[0]
  await send('PUT', `/api/v1/enterprises/${firm.id}`, { town_code: town.code })

  const { page, problems } = await openPage(env.br.context)
  await page.goto(`${env.srv.base}/enterprises?county=${county}`)
  const filter = page.locator('[data-test=town-filter]')
  await filter.waitFor({ timeout: 60_000 })
  await filter.click()
  await page.locator('.el-select-dropdown__item', { hasText: town.name }).click()
  await page.waitForURL(/town=511722199/)
  const rows = page.locator('[data-test=enterprise-table] .el-table__body tr')
  await page.locator('[data-test=enterprise-table] .el-table__body', { hasText: town.name }).waitFor()
  assert.equal(await rows.count(), 1, 'only the firm in the town is listed')
  await screenshot(page, 'enterprises-town')

  await rows.first().click()
  await page.locator('[data-test=enterprise-facts]', { hasText: town.name }).waitFor()
  assert.deepEqual(problems(), [])
  await page.close()
})
