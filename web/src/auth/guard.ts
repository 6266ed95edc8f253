// Who may see which page: the login, setup and password pages are open;
// every other page needs a session, and a session whose password must
// change sees only the password page until it does.
import type { Router, RouteRecordRaw } from 'vue-router'
import { currentUser, forget } from '../api/auth'
import { session } from '../api/session'
import '../i18n/auth'

export const authRoutes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('../views/Login.vue'), meta: { public: true } },
  { path: '/setup', name: 'setup', component: () => import('../views/Setup.vue'), meta: { public: true } },
  { path: '/password', name: 'password', component: () => import('../views/Password.vue'), meta: { bare: true } },
]

/** bare pages render without the menu and header. */
export function isBare(meta: Record<string | number | symbol, unknown>): boolean {
  return Boolean(meta.public || meta.bare)
}

export function installAuthGuard(router: Router): void {
  router.beforeEach(async (to) => {
    if (to.meta.public) return true
    const m = await currentUser()
    if (!m) return { name: 'login', query: { redirect: to.fullPath } }
    if (m.session.must_change_password && to.name !== 'password') return { name: 'password', query: { redirect: to.fullPath } }
    return true
  })
  // A 401 from any call means the session ended (logout elsewhere, idle
  // timeout): back to the login page, remembering where the user was.
  session.unauthenticated = () => {
    forget()
    const cur = router.currentRoute.value
    if (cur.meta.public) return
    router.replace({ name: 'login', query: { redirect: cur.fullPath, expired: '1' } })
  }
}
