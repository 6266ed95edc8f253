// Logging in and out through the UI, and what a county user sees: the
// browser here starts logged out, unlike the other test files.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, startBrowser, openPage, screenshot, logIn, users } from './harness.mjs'

const env = serverAndBrowser({ login: false })

// A logged-out visit and a wrong password each make the browser log the
// server's 401; nothing else may appear on the console.
const beyond401 = (problems) => problems.filter((p) => !/status of 401/.test(p))

test('a logged-out visit lands on 登录; a wrong password shows the Chinese error; the right one opens the 驾驶舱', async () => {
  const { page, problems } = await openPage(env.br.context)
  await page.goto(env.srv.base + '/indicators')
  await page.locator('[data-test=login-form]').waitFor()
  const url = new URL(page.url())
  assert.equal(url.pathname, '/login')
  assert.equal(url.searchParams.get('redirect'), '/indicators', 'the wanted page is kept')
  assert.ok(await page.getByRole('heading', { name: '用户登录' }).isVisible())
  await screenshot(page, 'login')

  await page.locator('[data-test=login-username]').fill(users.city.username)
  await page.locator('[data-test=login-password]').fill('Wrong-Passw0rd!')
  await page.locator('[data-test=login-submit]').click()
  const err = page.locator('[data-test=login-error]')
  await err.waitFor()
  assert.match(await err.textContent(), /用户名或密码错误/)
  assert.equal(new URL(page.url()).pathname, '/login', 'stays on the login page')
  await screenshot(page, 'login-error')

  await page.locator('[data-test=login-password]').fill(users.city.password)
  await page.locator('[data-test=login-submit]').click()
  await page.locator('[data-test=indicator-table]').waitFor({ timeout: 120_000 })
  assert.equal(new URL(page.url()).pathname, '/indicators', 'back to the page first asked for')
  await page.goto(env.srv.base + '/')
  await page.locator('[data-test=headline-cards] [data-code]').first().waitFor({ timeout: 120_000 })
  assert.match(await page.locator('[data-test=current-user]').textContent(), /city-ui/)
  assert.match(await page.locator('[data-test=current-role]').textContent(), /市/)
  assert.deepEqual(beyond401(problems()), [])
  await page.close()
})

test('退出登录 returns to the login page and the pages need a login again', async () => {
  const { page, problems } = await openPage(env.br.context)
  await logIn(env.br.context, env.srv.base)
  await page.goto(env.srv.base + '/')
  await page.locator('[data-test=headline-cards] [data-code]').first().waitFor({ timeout: 120_000 })
  await page.locator('[data-test=current-user]').click()
  await page.locator('[data-test=menu-logout]').click()
  await page.locator('[data-test=login-form]').waitFor()
  assert.equal(new URL(page.url()).pathname, '/login')
  const me = await env.br.context.request.get(env.srv.base + '/api/v1/auth/me')
  assert.equal(me.status(), 401, 'the session is gone on the server too')
  await page.goto(env.srv.base + '/parks')
  await page.locator('[data-test=login-form]').waitFor()
  assert.equal(new URL(page.url()).pathname, '/login')
  assert.deepEqual(beyond401(problems()), [])
  await page.close()
})

test('a 宣汉县 county user sees only 宣汉县 enterprises in the 企业 list', async () => {
  const br = await startBrowser()
  try {
    await logIn(br.context, env.srv.base, users.county)
    const { page, problems } = await openPage(br.context)
    await page.goto(env.srv.base + '/enterprises')
    const rows = page.locator('[data-test=enterprise-table] .el-table__body tr')
    await rows.first().waitFor({ timeout: 120_000 })
    await page.waitForLoadState('networkidle')
    const counties = await page.locator('[data-test=enterprise-table] .el-table__body tr td:nth-child(3)').allTextContents()
    assert.ok(counties.length > 0)
    assert.deepEqual([...new Set(counties.map((c) => c.trim()))], ['宣汉县'])
    const api = await (await br.context.request.get(env.srv.base + '/api/v1/enterprises?limit=200')).json()
    assert.ok(api.total > 0, 'the county has enterprises')
    assert.deepEqual([...new Set(api.items.map((e) => e.county_code))], ['511722'], 'the API scopes the same way')
    await screenshot(page, 'enterprises-county')
    assert.deepEqual(problems(), [])
    await page.close()
  } finally {
    await br.close()
  }
})
