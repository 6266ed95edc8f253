import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

// keepGitkeep recreates dist/.gitkeep after Vite empties dist, so the Go
// embed (`//go:embed all:dist`) always has a file to embed on a clone.
function keepGitkeep(): Plugin {
  return {
    name: 'keep-gitkeep',
    closeBundle() {
      writeFileSync(resolve(__dirname, 'dist/.gitkeep'), '')
    },
  }
}

// In development `npm run dev` serves the UI and proxies /api to a running
// `mfgplan serve` (MFGPLAN_API, default http://127.0.0.1:8080).
export default defineConfig({
  plugins: [vue(), keepGitkeep()],
  server: {
    proxy: { '/api': process.env.MFGPLAN_API ?? 'http://127.0.0.1:8080' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: {
          vue: ['vue', 'vue-router', 'vue-i18n'],
          'element-plus': ['element-plus'],
          echarts: ['echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers'],
        },
      },
    },
  },
})
