// A user whose password must change (an administrator's reset) is held on
// the 修改密码 page; after the change every session ends and the new
// password logs in.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, startBrowser, openPage, screenshot } from './harness.mjs'

const user = { username: 'fresh', password: 'Mc-Passw0rd!', flags: ['--role', 'city', '--must-change'] }
const next = 'Mc-Newpass-2026!'
let srv, br
before(async () => {
  srv = await startServer({ demo: false, accounts: [user] })
  br = await startBrowser()
})
after(async () => {
  await br?.close()
  await srv?.stop()
})

async function logInByForm(page, password) {
  await page.locator('[data-test=login-username]').fill(user.username)
  await page.locator('[data-test=login-password]').fill(password)
  await page.locator('[data-test=login-submit]').click()
}

test('must-change users see only the 修改密码 page until they change it, then log in again', async () => {
  const { page, problems } = await openPage(br.context)
  await page.goto(srv.base + '/login')
  await logInByForm(page, user.password)
  await page.locator('[data-test=password-form]').waitFor()
  assert.equal(new URL(page.url()).pathname, '/password')
  await page.goto(srv.base + '/enterprises')
  await page.locator('[data-test=password-form]').waitFor()
  assert.equal(new URL(page.url()).pathname, '/password', 'other pages stay closed')

  await page.locator('[data-test=password-current]').fill(user.password)
  await page.locator('[data-test=password-new]').fill(next)
  await page.locator('[data-test=password-confirm]').fill(next + 'x')
  await page.locator('[data-test=password-submit]').click()
  assert.match(await page.locator('[data-test=password-error]').textContent(), /不一致/)
  await page.locator('[data-test=password-confirm]').fill(next)
  await screenshot(page, 'password')
  await page.locator('[data-test=password-submit]').click()
  await page.locator('[data-test=login-form]').waitFor()
  assert.match(await page.locator('[data-test=login-notice]').textContent(), /密码已修改/)

  await logInByForm(page, next)
  await page.locator('[data-test=current-user]').waitFor({ timeout: 60_000 })
  assert.equal(new URL(page.url()).pathname, '/')
  assert.deepEqual(problems(), [])
  await page.close()
})
