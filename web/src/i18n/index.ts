import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'

const saved = localStorage.getItem('mfgplan.lang')

// zh-CN is the default; English is kept for visitors and reviewers.
export const i18n = createI18n({
  legacy: false,
  locale: saved === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function setLocale(l: 'zh-CN' | 'en'): void {
  i18n.global.locale.value = l
  localStorage.setItem('mfgplan.lang', l)
}
