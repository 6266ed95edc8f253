// Login, logout, the current user and first-time setup. The current user is
// one reactive value shared by the router guard and the header.
import { ref } from 'vue'
import { ApiError, getJSON, postJSON } from './client'
import { session } from './session'

export interface Scope {
  counties?: string[] | null
  parks?: string[] | null
  enterprises?: string[] | null
  all?: boolean
}

export interface User {
  id: number
  username: string
  display_name: string
  role: string
  role_name: string
  view: Scope
  enter: Scope
  must_change_password: boolean
}

export interface Me {
  user: User
  csrf_token: string
  session: { must_change_password: boolean; idle_timeout_seconds: number }
}

/** me is the logged-in user, null when logged out, undefined before the first check. */
export const me = ref<Me | null | undefined>(undefined)

function remember(m: Me | null): Me | null {
  me.value = m
  session.csrf = m?.csrf_token ?? ''
  return m
}

/** forget drops the session locally (after a 401 or a password change). */
export function forget(): void {
  remember(null)
}

/** currentUser asks the server once per page load; null when not logged in. */
export async function currentUser(): Promise<Me | null> {
  if (me.value !== undefined) return me.value
  try {
    return remember(await getJSON<Me>('/api/v1/auth/me'))
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return remember(null)
    throw e
  }
}

export async function login(username: string, password: string): Promise<Me> {
  return remember(await postJSON<Me>('/api/v1/auth/login', { username, password })) as Me
}

export async function logout(): Promise<void> {
  try {
    await postJSON('/api/v1/auth/logout', {})
  } finally {
    forget()
  }
}

/** changePassword ends every session of the user: they log in again afterwards. */
export async function changePassword(current: string, next: string): Promise<void> {
  await postJSON('/api/v1/auth/password', { current, new: next })
  forget()
}

export async function setupNeeded(): Promise<boolean> {
  return (await getJSON<{ needed: boolean }>('/api/v1/auth/setup')).needed
}

export async function completeSetup(token: string, username: string, displayName: string, password: string): Promise<void> {
  await postJSON('/api/v1/auth/setup', { token, username, display_name: displayName, password })
}
