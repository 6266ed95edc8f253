// The browser session as the API client needs it: the CSRF token to send on
// every state-changing request, and what to do when the server answers 401.
// It imports nothing so that client.ts and auth.ts can both use it.

export const session = {
  /** csrf is the token from login or /auth/me; empty while logged out. */
  csrf: '',
  /** unauthenticated is called on any 401 outside the login call itself. */
  unauthenticated: (): void => {},
}

/** csrfHeaders adds the X-CSRF-Token header to a non-GET request. */
export function csrfHeaders(method: string | undefined, h: Record<string, string> = {}): Record<string, string> {
  const m = (method ?? 'GET').toUpperCase()
  if (m !== 'GET' && m !== 'HEAD' && session.csrf) h['X-CSRF-Token'] = session.csrf
  return h
}

/** noteStatus reports a 401 from any path but login (where it means a wrong password). */
export function noteStatus(path: string, status: number): void {
  if (status === 401 && !path.startsWith('/api/v1/auth/login')) session.unauthenticated()
}
