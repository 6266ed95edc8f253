// A year of 亩均论英雄 in the browser: the city bureau runs the evaluation
// with the default method, reads the ranking, a firm's 评价卡, the park
// ranking and the 差别化 lists, and publishes the run; the 宣汉县 user sees
// only its own firms, files a 申诉 on one and rejects it with a reason, and
// accepts another with a corrected figure, which makes a new run version.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, startBrowser, logIn, openPage, screenshot, users } from './harness.mjs'

const env = serverAndBrowser()
const xuanhan = { code: '511722', name: '宣汉县' }
const slow = { timeout: 120_000 }
let county // the 宣汉县 user's browser, opened by the first test that needs it
let runId = 0 // the run the city user makes in the first test
let year = 0

async function countyContext() {
  if (!county) {
    county = await startBrowser()
    await logIn(county.context, env.srv.base, users.county)
  }
  return county.context
}
after(async () => county?.close())

async function api(context, path) {
  const res = await context.request.get(env.srv.base + path)
  assert.equal(res.status(), 200, `${path}: ${await res.text()}`)
  return res.json()
}

/** num reads the first number in a cell's text (commas allowed). */
const num = (text) => Number((/-?[\d,]+(?:\.\d+)?/.exec(text) ?? ['NaN'])[0].replace(/,/g, ''))

/** field finds the text box of an Element Plus input, which takes the data-test itself or wraps it. */
const field = (page, name) => page.locator(`:is(input, textarea)[data-test=${name}], [data-test=${name}] :is(input, textarea)`)

/** rows waits for an Element Plus table's body rows and returns their locator. */
async function rows(page, sel) {
  const r = page.locator(`[data-test=${sel}] .el-table__body tr.el-table__row`)
  await r.first().waitFor(slow)
  return r
}

/** column reads one column of a table's visible rows, by header text. */
async function column(page, sel, header) {
  const heads = (await page.locator(`[data-test=${sel}] .el-table__header th`).allTextContents()).map((t) => t.trim())
  const i = heads.indexOf(header)
  assert.ok(i >= 0, `${sel} has a ${header} column: ${heads}`)
  return page.locator(`[data-test=${sel}] .el-table__body tr.el-table__row`).evaluateAll((trs, i) => trs.map((tr) => tr.children[i].textContent.trim()), i)
}

test('the city bureau runs the year with the default method and reads ranking, card, parks and pricing, then publishes', async () => {
  const { page, problems } = await openPage(env.br.context)
  await page.goto(env.srv.base + '/mujun/runs')
  await page.locator('[data-test=run-method]', { hasText: 'sichuan' }).waitFor(slow) // the default method is chosen
  year = num(await page.locator('[data-test=mujun-year]').textContent())
  assert.ok(year >= 2020, `an evaluation year is chosen: ${year}`)
  await page.locator('[data-test=run-start]').click()
  const run = (await rows(page, 'run-table')).first()
  await run.filter({ hasText: '草稿' }).waitFor(slow)
  assert.match(await run.textContent(), /第1版/)
  const [firms] = await column(page, 'run-table', '参评企业（家）')
  assert.ok(num(firms) > 100, `the run evaluates the demo's firms: ${firms}`)
  runId = (await api(env.br.context, `/api/v1/mujun/runs?year=${year}`)).items[0].id
  await screenshot(page, 'mujun-runs')

  // 排名: the class counts, the county chart and a ranking from 1.
  await run.getByRole('button', { name: '排名' }).click()
  await page.waitForURL(/\/mujun\/ranking/)
  const totals = page.locator('.totals')
  await totals.waitFor(slow)
  const text = await totals.textContent()
  assert.match(text, /^\s*全市参评/, 'the city user\'s totals are the whole city\'s')
  const graded = num(/参评（不含T类）\s*([\d,]+)/.exec(text)?.[1] ?? '')
  assert.ok(graded > 100, `全市参评 ${graded} 家: ${text}`)
  const counts = Object.fromEntries(['A', 'B', 'C', 'D'].map((k) => [k, num(new RegExp(`${k}类\\s*([\\d,]+)\\s*家`).exec(text)?.[1] ?? '')]))
  for (const [k, n] of Object.entries(counts)) assert.ok(n > 0, `${k}类 has firms: ${text}`)
  assert.equal(counts.A + counts.B + counts.C + counts.D, graded, `A+B+C+D = 参评 ${graded}: ${text}`)
  await page.locator('[data-test=mujun-dist-chart] canvas').waitFor(slow)
  const ranking = await rows(page, 'mujun-ranking')
  assert.equal(await ranking.count(), 20, 'a full first page')
  assert.deepEqual((await column(page, 'mujun-ranking', '全市排名')).slice(0, 3), ['1', '2', '3'])
  const totalsCol = (await column(page, 'mujun-ranking', '总分（分）')).map(num)
  assert.ok(totalsCol[0] > 0 && totalsCol.every((v, i) => i === 0 || v <= totalsCol[i - 1]), `scores descend: ${totalsCol}`)
  assert.match(await ranking.first().textContent(), /[ABCD]类/)
  await page.waitForLoadState('networkidle')
  await screenshot(page, 'mujun-ranking')

  // 评价卡 of the top firm: its indicators with scores that add up to its total.
  const name = (await ranking.first().locator('[data-test=mujun-card-link]').textContent()).trim()
  await ranking.first().locator('[data-test=mujun-card-link]').click()
  await page.locator('.page-head h2', { hasText: name }).waitFor(slow)
  assert.match(await page.locator('.facts').textContent(), /统一社会信用代码\s*[0-9A-Z]{18}/)
  const items = await rows(page, 'card-items')
  assert.ok((await items.count()) >= 3, 'the card lists the method indicators')
  const scores = (await column(page, 'card-items', '得分（分）')).map(num)
  const total = num(await page.locator('.score .big').textContent())
  assert.ok(total > 0 && scores.every((s) => s >= 0), `total ${total}, scores ${scores}`)
  assert.ok(scores.some((s) => s > 0), `some indicator scores: ${scores}`)
  // No 加减分 in the demo: the total is the scores rescaled to 100 over the weights in use.
  const weights = (await column(page, 'card-items', '权重（分）')).map(num)
  const sum = (xs) => xs.reduce((a, b) => a + b, 0)
  assert.ok(Math.abs((sum(scores) * 100) / sum(weights) - total) < 0.01 * scores.length + 0.01, `Σ${scores} × 100 ÷ Σ${weights} = ${total}`)
  assert.match(await page.locator('.score').textContent(), /[ABCD]类[\s\S]*全市第 1 名/)
  await page.locator('[data-test=card-radar] canvas').waitFor(slow)
  await screenshot(page, 'mujun-card')

  // 发布: the draft becomes the year's official result.
  await page.goto(env.srv.base + '/mujun/runs')
  await (await rows(page, 'run-table')).first().locator('[data-test=run-publish]').click()
  await page.locator('.el-message-box').getByRole('button', { name: '发布' }).click()
  await page.locator('[data-test=run-table] .el-table__body tr', { hasText: '已发布' }).waitFor(slow)
  assert.equal(await page.locator('[data-test=run-publish]').count(), 0, 'a published run offers no 发布')

  // 园区亩均排名 from the published run.
  await page.locator('[data-nav=mujun]').click()
  await page.locator('[data-nav=mujun-parks]').click()
  const parks = await rows(page, 'mujun-parks')
  assert.ok((await parks.count()) >= 5, 'several parks are ranked')
  assert.match(await page.locator('.panel-title').first().textContent(), /依据第1版已发布评价结果/)
  const tax = (await column(page, 'mujun-parks', '亩均税收（万元/亩）')).map(num)
  assert.ok(tax[0] > 0 && tax.every((v, i) => i === 0 || v <= tax[i - 1]), `parks ranked by 亩均税收: ${tax}`)
  assert.ok((await column(page, 'mujun-parks', '参评企业（家）')).map(num).every((n) => n > 0), 'every ranked park has firms')
  await screenshot(page, 'mujun-parks')

  // 差别化名单: the C and D firms carry a price per resource.
  await page.locator('[data-nav=mujun-pricing]').click()
  const tabs = page.locator('[data-test=pricing-tabs] .el-tabs__item')
  await tabs.first().waitFor(slow)
  const listed = (await tabs.allTextContents()).map((t) => num(/（(\d+)）/.exec(t)?.[1] ?? '0'))
  assert.ok(listed.some((n) => n > 0), `some resource lists firms: ${await tabs.allTextContents()}`)
  const pane = page.locator('[data-test=pricing-tabs] .el-tab-pane:visible .el-table__body tr.el-table__row')
  if (listed[0] > 0) {
    await pane.first().waitFor(slow)
    const cls = await pane.locator('.cls').allTextContents()
    assert.ok(cls.length > 0 && cls.every((c) => c === 'C类' || c === 'D类'), `only C and D firms are priced: ${[...new Set(cls)]}`)
  }
  await screenshot(page, 'mujun-pricing')
  assert.deepEqual(problems(), [])
  await page.close()
})

test('the 宣汉县 user sees only 宣汉县 firms in the ranking', async () => {
  assert.ok(runId, 'the city run exists')
  const { page, problems } = await openPage(await countyContext())
  await page.goto(env.srv.base + '/mujun/ranking')
  await rows(page, 'mujun-ranking')
  const shown = await column(page, 'mujun-ranking', '区县')
  assert.ok(shown.length > 0 && shown.every((c) => c === xuanhan.name), `only ${xuanhan.name}: ${[...new Set(shown)]}`)
  const mine = await api(await countyContext(), `/api/v1/mujun/runs/${runId}/entries?limit=1000`)
  const all = await api(env.br.context, `/api/v1/mujun/runs/${runId}/entries?limit=1`)
  assert.ok(mine.total > 0 && mine.total < all.total, `宣汉县 ${mine.total} of ${all.total} firms`)
  assert.deepEqual([...new Set(mine.items.map((e) => e.county))], [xuanhan.code])
  // The class totals above the chart are the county's, and say so.
  const totals = await page.locator('.totals').textContent()
  assert.match(totals, new RegExp(`^\\s*${xuanhan.name}参评（不含T类）\\s*${mine.items.filter((e) => e.class !== 'T').length} 家`), totals)
  const pager = await page.locator('.el-pagination__total').textContent()
  assert.equal(num(pager), mine.total, `the pager counts 宣汉县's firms: ${pager}`)
  await page.waitForLoadState('networkidle')
  await screenshot(page, 'mujun-ranking-county')
  assert.deepEqual(problems(), [])
  await page.close()

  // Another county's firm stays out of reach: not by filter, not by its card's address.
  const other = (await api(env.br.context, `/api/v1/mujun/runs/${runId}/entries?limit=50`)).items.find((e) => e.county !== xuanhan.code)
  const filtered = await (await countyContext()).request.get(`${env.srv.base}/api/v1/mujun/runs/${runId}/entries?county=${other.county}`)
  assert.ok(filtered.status() === 403 || (filtered.ok() && (await filtered.json()).total === 0), `filter by ${other.county}: ${filtered.status()}`)
  const card = await openPage(await countyContext())
  await card.page.goto(`${env.srv.base}/mujun/runs/${runId}/enterprises/${other.enterprise_id}`)
  await card.page.locator('.el-alert--error', { hasText: /不存在或无权查看/ }).waitFor(slow)
  assert.equal(await card.page.getByText(other.name).count(), 0, `${other.name} is not shown to ${xuanhan.name}`)
  await screenshot(card.page, 'mujun-card-other-county')
  await card.page.close()
})

/** fileAppeal opens the card of the n-th firm on the county's ranking and files a 申诉 on it. */
async function fileAppeal(page, n, reason) {
  await page.goto(env.srv.base + '/mujun/ranking')
  const link = (await rows(page, 'mujun-ranking')).nth(n).locator('[data-test=mujun-card-link]')
  const name = (await link.textContent()).trim()
  await link.click()
  await page.locator('.page-head h2', { hasText: name }).waitFor(slow)
  await page.locator('[data-test=appeal-open]').click()
  await field(page, 'appeal-reason').fill(reason)
  await page.locator('[data-test=appeal-submit]').click()
  await page.getByText('申诉已提交').waitFor(slow)
  return name
}

/** cardValue reads the firm's own figure of one indicator on the open 评价卡. */
async function cardValue(page, indicator) {
  const row = (await rows(page, 'card-items')).filter({ hasText: indicator })
  return num(await row.locator('td').nth(1).textContent())
}

/** review takes the appeal with the given reason off the 待复核 list with a decision and a note. */
async function review(page, reason, button, note, fill) {
  await page.goto(env.srv.base + '/mujun/appeals')
  const row = page.locator('[data-test=appeal-table] .el-table__body tr.el-table__row', { hasText: reason })
  await row.waitFor(slow)
  assert.match(await row.textContent(), /待复核/)
  await row.locator(`[data-test=${button}]`).click()
  await fill?.()
  await field(page, 'appeal-note').fill(note)
  await page.locator('[data-test=appeal-review-submit]').click()
  await row.waitFor({ state: 'detached', ...slow }) // it leaves the 待复核 list
}

test('a 宣汉县 firm files a 申诉 on its card; the county rejects one with a reason and accepts one with a corrected figure', async () => {
  assert.ok(runId, 'the city run exists')
  const { page, problems } = await openPage(await countyContext())
  const rejectReason = `用地面积有误（e2e ${Date.now()}）`
  await fileAppeal(page, 0, rejectReason)
  await review(page, rejectReason, 'appeal-reject', '土地证面积与登记一致，维持原结果')
  await page.locator('[data-test=appeal-status]').getByText('已驳回').click()
  const rejected = page.locator('[data-test=appeal-table] .el-table__body tr.el-table__row', { hasText: rejectReason })
  await rejected.waitFor(slow)
  assert.match(await rejected.textContent(), /已驳回[\s\S]*土地证面积与登记一致，维持原结果（xuanhan）/)
  await screenshot(page, 'mujun-appeals-rejected')

  const acceptReason = `实缴税金漏报（e2e ${Date.now()}）`
  await fileAppeal(page, 1, acceptReason)
  const taxBefore = await cardValue(page, '亩均税收')
  await review(page, acceptReason, 'appeal-accept', '核对完税证明，更正实缴税金', async () => {
    const input = field(page, 'appeal-corr-tax_paid')
    await input.waitFor(slow)
    await input.fill(String(num(await input.inputValue()) + 500))
  })
  await page.getByText(/已采纳，生成新版本评价结果/).waitFor(slow)
  await page.locator('[data-test=appeal-status]').getByText('已采纳').click()
  const accepted = page.locator('[data-test=appeal-table] .el-table__body tr.el-table__row', { hasText: acceptReason })
  await accepted.waitFor(slow)
  assert.match(await accepted.textContent(), /已采纳[\s\S]*核对完税证明，更正实缴税金（xuanhan）/)
  // Its history names each step in Chinese, the re-run included.
  await accepted.locator('.el-table__expand-icon').click()
  const events = page.locator('[data-test=appeal-table] .events')
  await events.waitFor(slow)
  const history = await events.textContent()
  assert.match(history, /提交申诉[\s\S]*已采纳[\s\S]*重新评价 · xuanhan：更正数据后生成 \d{4} 年 sichuan 第 2 版/)
  assert.doesNotMatch(history, /rerun/)
  await screenshot(page, 'mujun-appeals-accepted')

  // The correction makes a draft 第2版; the published 第1版 stays the year's result until the city publishes again.
  const list = (await api(env.br.context, `/api/v1/mujun/runs?year=${year}`)).items
  assert.deepEqual(list.map((r) => [r.version, r.status]), [[2, 'draft'], [1, 'published']])
  const appeal = (await api(await countyContext(), `/api/v1/mujun/runs/${runId}/appeals?status=accepted`)).items[0]
  assert.equal(appeal.new_run_id, list[0].id)
  await page.goto(`${env.srv.base}/mujun/runs/${appeal.new_run_id}/enterprises/${appeal.enterprise_id}`)
  await page.locator('.page-head h2', { hasText: `${year} 年度` }).waitFor(slow)
  const taxAfter = await cardValue(page, '亩均税收')
  assert.ok(taxAfter > taxBefore, `亩均税收 rose from ${taxBefore} to ${taxAfter} with 500 万元 more 实缴税金`)
  assert.match(await page.locator('.facts').textContent(), /第2版，草稿/)
  assert.deepEqual(problems(), [])
  await page.close()
})
