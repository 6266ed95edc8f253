// A filer downloads a template, fills it, uploads it and sees the indicator
// move; a file with one bad cell is rejected with that cell named.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadWorkbook } from './workbook.mjs'
import { serverAndBrowser, openPage, screenshot } from './harness.mjs'

const env = serverAndBrowser()
let work
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'mfgplan-filing-'))
})

async function api(path) {
  const res = await fetch(env.srv.base + path)
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`)
  return res.json()
}

/** target picks a firm of a pillar cluster and the period the indicator pages show by default. */
async function target() {
  const firms = await api('/api/v1/enterprises?cluster=energy_chemical&limit=1')
  const firm = firms.items[0]
  const ex = await api(`/api/v1/indicators/pillar_revenue/explain?org=${firm.county_code}`)
  const period = ex.indicator.period
  return { firm, period, dataset: period.includes('-') ? 'monthly' : 'yearly' }
}

/** countyRevenue reads 五大支柱产业营业收入 (亿元) for a county from the indicator page. */
async function countyRevenue(page, county) {
  await page.goto(`${env.srv.base}/indicators/pillar_revenue?org=${county}`)
  const cell = page.locator('[data-test=indicator-status] .el-descriptions__content').first()
  await cell.waitFor({ timeout: 60_000 })
  const text = await cell.textContent()
  const m = /([\d,]+(?:\.\d+)?)\s*亿元/.exec(text)
  assert.ok(m, `实际值 shows a figure in 亿元: ${text}`)
  return Number(m[1].replace(/,/g, ''))
}

async function downloadTemplate(page, t) {
  await page.goto(`${env.srv.base}/filing?dataset=${t.dataset}&period=${t.period}`)
  await page.locator('[data-test=download-template]').waitFor()
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=download-template]').click()])
  const path = join(work, `template-${Date.now()}.xlsx`)
  await dl.saveAs(path)
  return path
}

/** edit sets the 营业收入 cell of the firm's row in the 数据 sheet and saves a copy. */
async function edit(path, uscc, change, name) {
  const wb = await loadWorkbook(path)
  const ws = wb.getWorksheet('数据')
  assert.ok(ws, 'the template has a 数据 sheet')
  let head = 0
  ws.eachRow((row, n) => {
    if (!head && row.values.includes('统一社会信用代码')) head = n
  })
  assert.ok(head, 'the 数据 sheet has a header row')
  const col = ws.getRow(head).values.findIndex((v) => typeof v === 'string' && v.startsWith('营业收入'))
  assert.ok(col > 0, 'the template has a 营业收入 column')
  let rowNo = 0
  ws.eachRow((row, n) => {
    if (n > head && String(row.getCell(1).value).trim() === uscc) rowNo = n
  })
  assert.ok(rowNo, `the template lists ${uscc}`)
  const cell = ws.getRow(rowNo).getCell(col)
  cell.value = change(typeof cell.value === 'number' ? cell.value : 0)
  const out = join(work, name)
  await wb.xlsx.writeFile(out)
  return { out, address: cell.address }
}

async function upload(page, file) {
  await page.locator('[data-test=upload] input[type=file]').setInputFiles(file)
  await page.locator('[data-test=check]').click()
}

test('a filled template is checked, stored and moves the county indicator', async () => {
  const { page } = await openPage(env.br.context)
  const t = await target()
  const was = await countyRevenue(page, t.firm.county_code)
  const tpl = await downloadTemplate(page, t)
  const { out } = await edit(tpl, t.firm.uscc, (v) => v + 100000, 'filled.xlsx') // +100000 万元 = +10 亿元
  await upload(page, out)
  await page.locator('[data-test=check-ok]').waitFor({ timeout: 60_000 })
  await page.locator('[data-test=confirm]').click()
  await page.locator('[data-test=commit-ok]').waitFor({ timeout: 60_000 })
  // The history holds the check (校验通过) and the commit (已入库) of the same file.
  const history = page.locator('[data-test=import-history] .el-table__body tr', { hasText: 'filled.xlsx' })
  await history.filter({ hasText: '已入库' }).waitFor()
  assert.equal(await history.count(), 2)
  await screenshot(page, 'filing-committed')
  const now = await countyRevenue(page, t.firm.county_code)
  assert.ok(Math.abs(now - was - 10) < 0.2, `五大支柱产业营业收入 moved from ${was} to ${now}, expected +10 亿元`)
  await page.close()
})

test('a file with text in a number cell is rejected with that cell named, and the annotated workbook comes back', async () => {
  const { page } = await openPage(env.br.context)
  const t = await target()
  const tpl = await downloadTemplate(page, t)
  const { out, address } = await edit(tpl, t.firm.uscc, () => '一百万', 'bad-cell.xlsx')
  await upload(page, out)
  await page.locator('[data-test=import-error]').waitFor({ timeout: 60_000 })
  const errors = page.locator('[data-test=error-table] .el-table__body')
  await errors.waitFor()
  const text = await errors.textContent()
  assert.ok(text.includes(address), `the error table names ${address}: ${text}`)
  assert.ok(text.includes('营业收入'), 'and the field')
  assert.ok(await page.locator('[data-test=confirm]').isDisabled(), 'a rejected file cannot be confirmed')
  await screenshot(page, 'filing-rejected')
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=annotated]').click()])
  const path = join(work, 'annotated.xlsx')
  await dl.saveAs(path)
  const wb = await loadWorkbook(path)
  let found = false
  wb.eachSheet((ws) => ws.eachRow((row) => { if (row.values.some((v) => typeof v === 'string' && v.includes('错误信息'))) found = true }))
  assert.ok(found, 'the annotated workbook has an 错误信息 column')
  await page.close()
})
