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

/**
 * labels names codes through the messages under prefix, in the current locale:
 * labels('level').park is t('level.park'), and a code without a message gives
 * undefined so that `map[code] ?? code` keeps showing the code itself.
 */
export function labels(prefix: string): Record<string, string | undefined> {
  return new Proxy({}, {
    get: (_, code) => (typeof code === 'string' && i18n.global.te(`${prefix}.${code}`) ? i18n.global.t(`${prefix}.${code}`) : undefined),
  })
}
