// The English locale: after the header's language switch every main page's
// static chrome (menu, headings, table headers, form labels, empty states,
// placeholders) carries no Chinese, the choice survives a reload, and
// switching back restores the Chinese texts. Data from the server (plan,
// indicator and enterprise names, period labels) stays as the server sends it,
// so only elements that hold UI text are read.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, openPage, screenshot } from './harness.mjs'

const env = serverAndBrowser()
const CJK = /[\u3400-\u9fff\uff01-\uff5e]/

/**
 * chineseChrome returns "where: text" for every UI-text element of the page
 * that still holds CJK. Elements whose own text nodes are chrome but whose
 * children may be data (panel titles with a .sub span) are read by their own
 * text only; skip names selectors whose text is data on this page.
 */
function chineseChrome(page, skip = []) {
  return page.evaluate(({ skip, cjk }) => {
    const re = new RegExp(cjk)
    const out = []
    // The switch names the language it switches to; a dialog's label carries the enterprise's name.
    const always = ['[data-test=lang-switch]', '[role=dialog]']
    const skipped = (el) => [...always, ...skip].some((s) => el.closest(s))
    const check = (sel, text) => {
      for (const el of document.querySelectorAll(sel)) {
        if (skipped(el)) continue
        const s = text(el)
        if (s && re.test(s)) out.push(`${sel}: ${s.trim().slice(0, 80)}`)
      }
    }
    const whole = (el) => el.textContent
    const own = (el) => [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('')
    for (const sel of ['.aside .el-menu', '.header .title', '.el-table__header th', '.el-form-item__label', '.el-step__title', '.el-descriptions__label',
      '.el-radio-button', '.el-checkbox__label', '.el-empty__description', '.el-table__empty-text', '.el-result__title', '.el-alert__title', '.el-tabs__item']) check(sel, whole)
    for (const sel of ['.panel-title', 'h2', 'h4', '.el-button > span']) check(sel, own)
    check('[placeholder]', (el) => el.getAttribute('placeholder'))
    check('.main [aria-label]', (el) => el.getAttribute('aria-label'))
    return out
  }, { skip, cjk: CJK.source })
}

// Each page: where to go, what shows it has loaded, and which elements hold data there.
const pages = [
  { name: 'dashboard', path: '/', ready: '[data-test=headline-cards] [data-code]' },
  { name: 'indicators', path: '/indicators', ready: '[data-test=indicator-table] .el-table__body tr' },
  { name: 'indicator', path: '/indicators', ready: '[data-test=indicator-table] .el-link', open: '[data-test=indicator-table] .el-link', then: '[data-test=formula]', skip: ['h2', '.el-breadcrumb'] },
  { name: 'enterprises', path: '/enterprises', ready: '[data-test=enterprise-table] .el-table__body tr' },
  { name: 'enterprise', path: '/enterprises', ready: '[data-test=enterprise-table] .el-table__body tr', open: '[data-test=enterprise-table] .el-table__body tr', then: '[data-test=enterprise-facts]', skip: ['h2'] },
  { name: 'clusters', path: '/clusters', ready: '[data-test=cluster-chart] canvas', skip: ['.el-tabs__item'] },
  { name: 'chains', path: '/chains', ready: '[data-test=chain-nodes] .el-table__body tr', skip: ['.el-tabs__item'] },
  { name: 'parks', path: '/parks', ready: '[data-test=park-table] .el-table__body tr' },
  { name: 'plan', path: '/plan', ready: '[data-test=plan-indicators] .el-table__body tr', skip: ['h2'] },
  { name: 'filing', path: '/filing', ready: '[data-test=download-template]' },
  { name: 'mujun-runs', path: '/mujun/runs', ready: '.el-table__body tr' },
  { name: 'mujun-ranking', path: '/mujun/ranking', ready: '[data-test=mujun-ranking] .el-table__body tr' },
  { name: 'mujun-card', path: '/mujun/ranking', ready: '[data-test=mujun-ranking] .el-table__body tr a', open: '[data-test=mujun-ranking] .el-table__body tr a', then: '.el-table__header th', skip: ['h2'] },
  { name: 'mujun-parks', path: '/mujun/parks', ready: '[data-test=mujun-parks] .el-table__body tr' },
  { name: 'mujun-pricing', path: '/mujun/pricing', ready: '[data-test=pricing-tabs]', skip: ['.el-tabs__item', '[data-test^=pricing-export]'] },
  { name: 'mujun-appeals', path: '/mujun/appeals', ready: '[data-test=appeal-table], .el-alert' },
]

/** visit opens a page (and the first row or link when it has one to open) and waits for it. */
async function visit(page, p) {
  await page.goto(env.srv.base + p.path)
  await page.locator(p.ready).first().waitFor({ timeout: 120_000 })
  if (p.open) {
    await page.locator(p.open).first().click()
    await page.locator(p.then).first().waitFor({ timeout: 120_000 })
  }
  await page.waitForLoadState('networkidle')
}

test('English: every main page shows its chrome in English, the choice survives reloads, and 中文 brings Chinese back', async () => {
  const { page, problems } = await openPage(env.br.context)
  await page.goto(env.srv.base + '/')
  await page.locator('[data-nav=dashboard]').waitFor({ timeout: 120_000 })
  assert.equal((await page.locator('[data-nav=dashboard]').textContent()).trim(), '驾驶舱', 'Chinese is the default')
  await page.locator('[data-test=lang-switch]').click()
  assert.equal((await page.locator('[data-nav=dashboard]').textContent()).trim(), 'Dashboard')
  assert.equal(await page.evaluate(() => localStorage.getItem('mfgplan.lang')), 'en')

  // The 亩均 pages need a published run: run and publish one through the (English) UI.
  await page.goto(env.srv.base + '/mujun/runs')
  await page.locator('[data-test=run-start]').click({ timeout: 120_000 })
  await page.locator('[data-test=run-publish]').first().click({ timeout: 120_000 })
  const box = page.locator('.el-message-box')
  assert.match(await box.textContent(), /Once published, version \d+ is the official \d{4} result/)
  await box.locator('.el-button--primary').click()
  await page.locator('[data-test=run-publish]').waitFor({ state: 'detached', timeout: 60_000 })

  // Every page is opened with page.goto, a fresh load: the locale comes back from storage each time.
  const found = {}
  for (const p of pages) {
    await visit(page, p)
    assert.equal((await page.locator('[data-nav=dashboard]').textContent()).trim(), 'Dashboard', `${p.name}: still English after a reload`)
    const left = await chineseChrome(page, p.skip)
    if (left.length) found[p.name] = left
    await screenshot(page, `en-${p.name}`)
  }
  assert.deepEqual(found, {}, 'Chinese left in the English chrome')

  await visit(page, pages[0])
  await page.locator('[data-test=lang-switch]').click()
  await page.reload()
  await page.locator('[data-test=headline-cards] [data-code]').first().waitFor({ timeout: 120_000 })
  assert.equal((await page.locator('[data-nav=dashboard]').textContent()).trim(), '驾驶舱')
  assert.match(await page.locator('.panel-title').first().textContent(), /“十四五”主要指标（专栏1）/)
  assert.match(await page.locator('[data-test=period-label]').textContent(), /数据期：\d{4}年/)
  assert.equal(await page.evaluate(() => localStorage.getItem('mfgplan.lang')), 'zh-CN')
  assert.deepEqual(problems(), [])
  await page.close()
})
