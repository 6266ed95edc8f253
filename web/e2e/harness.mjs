// Shared setup for the browser tests: start the real mfgplan binary on a
// fresh data directory and a free port, drive Debian's Chromium with
// playwright-core, and record console errors so every test can assert none.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { before, after } from 'node:test'

const here = dirname(fileURLToPath(import.meta.url))
export const binary = process.env.MFGPLAN_BIN ?? resolve(here, '../../bin/mfgplan')
export const artifacts = resolve(here, '../e2e-artifacts')
const chromePath = process.env.CHROMIUM ?? '/usr/bin/chromium'

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => ok(port))
    })
  })
}

/** supportsDemo asks the binary whether `serve --demo` exists yet. */
function supportsDemo() {
  const help = execFileSync(binary, ['serve', '--help'], { encoding: 'utf8' })
  return help.includes('--demo')
}

// waitHealthy allows minutes: generating the demo data on a busy 2-core
// machine takes far longer than on an idle one.
async function waitHealthy(base, proc, log) {
  const deadline = Date.now() + 300_000
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`mfgplan exited with ${proc.exitCode}:\n${log()}`)
    try {
      const res = await fetch(base + '/api/v1/health')
      if (res.ok) return
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`mfgplan did not become healthy in 300 s:\n${log()}`)
}

/**
 * startServer runs `mfgplan serve` (with demo data when the binary has it
 * and demo is not false) after creating the given user accounts.
 */
export async function startServer({ demo: wantDemo = true, accounts = Object.values(users) } = {}) {
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run \`make build\` first`)
  const data = mkdtempSync(join(tmpdir(), 'mfgplan-e2e-'))
  const port = await freePort()
  const demo = wantDemo && supportsDemo()
  for (const u of accounts) addUser(data, u)
  const args = ['serve', '--data', data, '--addr', `127.0.0.1:${port}`, ...(demo ? ['--demo'] : [])]
  let out = ''
  const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  proc.stdout.on('data', (d) => (out += d))
  proc.stderr.on('data', (d) => (out += d))
  const base = `http://127.0.0.1:${port}`
  await waitHealthy(base, proc, () => out)
  return {
    base,
    demo,
    log: () => out,
    async stop() {
      proc.kill('SIGTERM')
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)))
      rmSync(data, { recursive: true, force: true })
    },
  }
}

/**
 * users are created on every test server before it starts: a city user
 * for the pages and a 宣汉县 (511722) county user for the scoping test.
 */
export const users = {
  city: { username: 'city-ui', password: 'Ui-Passw0rd!', flags: ['--role', 'city'] },
  county: { username: 'xuanhan', password: 'Xh-Passw0rd!', flags: ['--role', 'county', '--county', '511722'] },
}

/** addUser runs `mfgplan user add` with the password on standard input. */
function addUser(data, u) {
  execFileSync(binary, ['--data', data, 'user', 'add', '--username', u.username, ...u.flags, '--password-stdin'], { input: u.password + '\n', encoding: 'utf8' })
}

/** logIn logs a browser context in through the API; its pages share the cookie. */
export async function logIn(context, base, u = users.city) {
  const res = await context.request.post(base + '/api/v1/auth/login', { data: { username: u.username, password: u.password } })
  if (!res.ok()) throw new Error(`login as ${u.username}: HTTP ${res.status()} ${await res.text()}`)
}

/** startBrowser launches headless Chromium with a fresh profile. */
export async function startBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'mfgplan-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    acceptDownloads: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/**
 * openPage opens a tab that records console errors and failed requests;
 * problems() returns them so a test can assert the page stayed clean.
 */
export async function openPage(context) {
  const page = await context.newPage()
  const errors = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  return { page, problems: () => errors.slice() }
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true })
  // From the top: a full-page capture of a scrolled page draws the sticky menu mid-page.
  await page.evaluate(() => window.scrollTo(0, 0))
  // Animations finished: a tag or a radio caught mid-transition would look blank.
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true, animations: 'disabled' })
}

/**
 * serverAndBrowser registers before/after hooks that start one server and
 * one browser for a test file; env.srv and env.br are set once before runs.
 * The browser is logged in as the city user unless login is false.
 */
export function serverAndBrowser({ login = true } = {}) {
  const env = {}
  before(async () => {
    env.srv = await startServer()
    env.br = await startBrowser()
    if (login) await logIn(env.br.context, env.srv.base)
  })
  after(async () => {
    await env.br?.close()
    await env.srv?.stop()
  })
  return env
}
