import { createRouter, createWebHistory } from 'vue-router'

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
    { path: '/parks', name: 'parks', component: () => import('./views/Parks.vue') },
    { path: '/filing', name: 'filing', component: () => import('./views/Filing.vue') },
    { path: '/plan', name: 'plan', component: () => import('./views/Plan.vue') },
    { path: '/:rest(.*)*', name: 'notfound', component: () => import('./views/NotFound.vue') },
  ],
})
