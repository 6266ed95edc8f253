import { createRouter, createWebHistory } from 'vue-router'
import { authRoutes, installAuthGuard } from './auth/guard'

// Every page is its own chunk so the 驾驶舱 loads without the filing or plan code.
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'dashboard', component: () => import('./views/Dashboard.vue') },
    { path: '/indicators', name: 'indicators', component: () => import('./views/Indicators.vue') },
    { path: '/indicators/:code', name: 'indicator', component: () => import('./views/IndicatorDetail.vue') },
    { path: '/enterprises', name: 'enterprises', component: () => import('./views/Enterprises.vue') },
    { path: '/enterprises/:id', name: 'enterprise', component: () => import('./views/EnterpriseDetail.vue') },
    { path: '/clusters', name: 'clusters', component: () => import('./views/Clusters.vue') },
    { path: '/chains', name: 'chains', component: () => import('./views/Chains.vue') },
    { path: '/parks', name: 'parks', component: () => import('./views/Parks.vue') },
    { path: '/filing', name: 'filing', component: () => import('./views/Filing.vue') },
    { path: '/plan', name: 'plan', component: () => import('./views/Plan.vue') },
    ...authRoutes,
    { path: '/mujun/runs', name: 'mujun-runs', component: () => import('./views/mujun/Runs.vue') },
    { path: '/mujun/ranking', name: 'mujun-ranking', component: () => import('./views/mujun/Ranking.vue') },
    { path: '/mujun/runs/:id/enterprises/:eid', name: 'mujun-card', component: () => import('./views/mujun/Card.vue') },
    { path: '/mujun/parks', name: 'mujun-parks', component: () => import('./views/mujun/Parks.vue') },
    { path: '/mujun/pricing', name: 'mujun-pricing', component: () => import('./views/mujun/Pricing.vue') },
    { path: '/mujun/appeals', name: 'mujun-appeals', component: () => import('./views/mujun/Appeals.vue') },
    { path: '/:rest(.*)*', name: 'notfound', component: () => import('./views/NotFound.vue') },
  ],
})

installAuthGuard(router)
