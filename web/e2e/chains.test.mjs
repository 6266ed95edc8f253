// 产业链: the chain page draws a chain as a graph and lists its nodes with
// the demo enterprises linked to them by the industry map's rules.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, openPage, screenshot } from './harness.mjs'

const env = serverAndBrowser()

test('产业链 shows a chain graph whose nodes count linked enterprises, and a node lists its firms', async () => {
  const { page, problems } = await openPage(env.br.context)
  await page.goto(env.srv.base + '/chains')
  // 卤水－碳酸锂－磷酸铁锂－动力电池: the demo has 锂离子电池 (3841) and 无机盐 (2613) makers.
  await page.locator('[data-test=chain-tabs] .el-tabs__item', { hasText: '碳酸锂' }).first().click({ timeout: 120_000 })
  const canvas = page.locator('[data-test=chain-graph] canvas').first()
  await canvas.waitFor({ timeout: 60_000 })
  const box = await canvas.boundingBox()
  assert.ok(box && box.width > 100 && box.height > 100, 'the chain graph has a size')
  const rows = page.locator('[data-test=chain-nodes] .el-table__body tr')
  await rows.first().waitFor()
  const counts = (await page.locator('[data-test=chain-nodes] [data-test=node-count]').allTextContents()).map(Number)
  const best = counts.indexOf(Math.max(...counts))
  assert.ok(counts[best] > 0, `some node has linked enterprises (counts ${counts})`)
  const nodeName = (await rows.nth(best).locator('td').first().textContent()).trim()
  await rows.nth(best).click()
  const firm = page.locator('[data-test=firm-list] .el-table__body tr').first()
  await firm.waitFor({ timeout: 60_000 })
  await page.waitForLoadState('networkidle')
  await screenshot(page, 'chains')
  assert.equal(await page.locator('.el-alert--error').count(), 0, 'no API error shown')

  // The firm's page names the node it was linked to by the rules; a node linked by hand shows as such.
  await firm.click()
  await page.locator('[data-test=enterprise-node]', { hasText: `${nodeName}（按行业规则）` }).waitFor({ timeout: 60_000 })
  await page.locator('[data-test=add-node]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '卤水' }).first().click()
  await page.locator('[data-test=enterprise-node]', { hasText: '卤水（人工关联）' }).waitFor({ timeout: 30_000 })
  await page.locator('[data-test=enterprise-history]', { hasText: 'chain_node:brine' }).waitFor({ timeout: 30_000 })
  assert.deepEqual(problems(), [])
  await page.close()
})
