// A fresh store without users: the one-time link that `serve` prints opens
// the /setup page, which creates the first administrator, who can then log in.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, startBrowser, openPage, screenshot } from './harness.mjs'

let srv, br
before(async () => {
  srv = await startServer({ demo: false, accounts: [] })
  br = await startBrowser()
})
after(async () => {
  await br?.close()
  await srv?.stop()
})

/** setupLink waits for the link serve prints on standard output. */
async function setupLink() {
  for (let i = 0; i < 100; i++) {
    const m = /(\/setup\?token=\S+)/.exec(srv.log())
    if (m) return m[1]
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no setup link printed:\n${srv.log()}`)
}

test('the setup link creates the first administrator, who then logs in', async () => {
  const { page, problems } = await openPage(br.context)
  await page.goto(srv.base + '/login')
  await page.locator('[data-test=setup-needed]').waitFor()
  await page.goto(srv.base + (await setupLink()))
  await page.locator('[data-test=setup-form]').waitFor()
  assert.notEqual(await page.locator('[data-test=setup-token]').inputValue(), '', 'the token comes from the link')
  await page.locator('[data-test=setup-username]').fill('admin')
  await page.locator('[data-test=setup-password]').fill('Dz-Jingxin-2025!')
  await page.locator('[data-test=setup-confirm]').fill('Dz-Jingxin-2025!')
  await screenshot(page, 'setup')
  await page.locator('[data-test=setup-submit]').click()
  await page.locator('[data-test=login-form]').waitFor()
  assert.match(await page.locator('[data-test=login-notice]').textContent(), /管理员已创建/)
  await page.locator('[data-test=login-username]').fill('admin')
  await page.locator('[data-test=login-password]').fill('Dz-Jingxin-2025!')
  await page.locator('[data-test=login-submit]').click()
  await page.locator('[data-test=current-user]').waitFor({ timeout: 60_000 })
  assert.match(await page.locator('[data-test=current-role]').textContent(), /管理员/)
  const again = await br.context.request.get(srv.base + '/api/v1/auth/setup')
  assert.deepEqual(await again.json(), { needed: false }, 'the setup is done once')
  assert.deepEqual(problems(), [])
  await page.close()
})
