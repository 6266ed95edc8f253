// The one way the UI talks to the Go server. Every failure becomes an
// ApiError whose message is the server's Chinese message, or a Chinese
// sentence saying what failed when the server could not answer at all.
import { csrfHeaders, noteStatus } from './session'
import { i18n } from '../i18n'

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message)
  }
  /** notLanded tells a missing endpoint (the server has no such route) from other errors. */
  get notLanded(): boolean {
    return this.status === 404 && this.code === 'not_found' && this.message.startsWith('接口不存在')
  }
}

type Query = Record<string, string | number | boolean | undefined | null>

export function withQuery(path: string, q?: Query): string {
  if (!q) return path
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) {
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v))
  }
  const s = p.toString()
  return s ? `${path}?${s}` : path
}

async function failure(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; details?: unknown } } = {}
  try {
    body = await res.json()
  } catch {
    /* not JSON: fall through to a generic message */
  }
  const e = body.error
  return new ApiError(res.status, e?.code ?? 'http_' + res.status, e?.message ?? i18n.global.t('net.http', { status: res.status }), e?.details)
}

async function send(path: string, init?: RequestInit): Promise<Response> {
  let res: Response
  try {
    res = await fetch(path, { credentials: 'same-origin', ...init, headers: csrfHeaders(init?.method, { ...(init?.headers as Record<string, string>) }) })
  } catch {
    throw new ApiError(0, 'network', i18n.global.t('net.down'))
  }
  noteStatus(path, res.status)
  if (!res.ok) throw await failure(res)
  return res
}

export async function getJSON<T>(path: string, q?: Query): Promise<T> {
  const res = await send(withQuery(path, q), { headers: { Accept: 'application/json' } })
  return (await res.json()) as T
}

export async function postJSON<T>(path: string, body: unknown): Promise<T> {
  const res = await send(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  })
  return (await res.json()) as T
}

/** sendJSON makes a JSON request of any method (PUT, DELETE, …) without a body and reads the JSON answer. */
export async function sendJSON<T>(method: string, path: string): Promise<T> {
  const res = await send(path, { method, headers: { Accept: 'application/json' } })
  return (await res.json()) as T
}

/** download fetches a file and hands it to the browser under the server's file name. */
export async function download(path: string, fallbackName: string, q?: Query): Promise<void> {
  const res = await send(withQuery(path, q))
  const blob = await res.blob()
  saveBlob(blob, fileNameOf(res) ?? fallbackName)
}

function fileNameOf(res: Response): string | undefined {
  const cd = res.headers.get('Content-Disposition') ?? ''
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)
  if (star) return decodeURIComponent(star[1])
  const plain = /filename="?([^";]+)"?/i.exec(cd)
  return plain?.[1]
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * upload posts a multipart form with progress reports (fetch cannot report
 * upload progress, XMLHttpRequest can). A non-2xx answer rejects with an
 * ApiError carrying the server's details (e.g. the list of cell errors).
 */
export function upload<T>(path: string, form: FormData, onProgress: (pct: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    for (const [k, v] of Object.entries(csrfHeaders('POST', { Accept: 'application/json' }))) xhr.setRequestHeader(k, v)
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) onProgress(Math.round((ev.loaded / ev.total) * 100))
    }
    xhr.onerror = () => reject(new ApiError(0, 'network', i18n.global.t('net.uploadDown')))
    xhr.onload = () => {
      noteStatus(path, xhr.status)
      let body: any = null
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        /* handled below */
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T)
      const e = body?.error
      reject(new ApiError(xhr.status, e?.code ?? 'http_' + xhr.status, e?.message ?? i18n.global.t('net.uploadHttp', { status: xhr.status }), e?.details))
    }
    xhr.send(form)
  })
}

let routes: Promise<Set<string>> | null = null

/**
 * need checks the server's OpenAPI document before calling a route, so a
 * page whose endpoint the server does not offer says so in Chinese instead
 * of firing a request that fails (and litters the console with a 404).
 * route is "GET /api/v1/indicators/{code}/explain" as the document names it.
 */
export async function need(route: string): Promise<void> {
  if (!routes) {
    routes = getJSON<{ paths: Record<string, Record<string, unknown>> }>('/api/v1/openapi.json').then((doc) => {
      const s = new Set<string>()
      for (const [p, ops] of Object.entries(doc.paths ?? {})) for (const m of Object.keys(ops)) s.add(`${m.toUpperCase()} ${p}`)
      return s
    })
    routes.catch(() => (routes = null))
  }
  if (!(await routes).has(route)) throw new ApiError(404, 'not_found', `接口不存在：${route}`)
}
