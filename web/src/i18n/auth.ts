// Texts of the login, setup and password pages, merged into the app's
// messages here so the page texts stay in one place with their pages.
import { i18n } from './index'

i18n.global.mergeLocaleMessage('zh-CN', {
  auth: {
    login: '登录', loginTitle: '用户登录', username: '用户名', password: '密码', submit: '登录', logout: '退出登录',
    changePassword: '修改密码', current: '当前密码', newPassword: '新密码', confirm: '确认新密码', save: '保存',
    mismatch: '两次输入的新密码不一致', required: '请输入{field}',
    rules: '至少 10 个字符，包含大写字母、小写字母、数字、符号中的至少 3 类，且不得包含用户名。',
    mustChange: '您的密码已被重置或已过期，请先修改密码后再使用系统。',
    changed: '密码已修改，请使用新密码重新登录。', expired: '登录已失效，请重新登录。',
    setupNeeded: '系统尚未创建管理员。请使用服务启动时输出的一次性链接（/setup?token=…）完成初始化。',
    setupTitle: '初始化：创建系统管理员', displayName: '显示名称（可选）', token: '初始化令牌', create: '创建管理员',
    setupDone: '管理员已创建，请登录。', setupNotNeeded: '系统已完成初始化，无需再次设置。', toLogin: '前往登录',
    role: '角色',
  },
})

i18n.global.mergeLocaleMessage('en', {
  auth: {
    login: 'Log in', loginTitle: 'Sign in', username: 'Username', password: 'Password', submit: 'Log in', logout: 'Log out',
    changePassword: 'Change password', current: 'Current password', newPassword: 'New password', confirm: 'Confirm new password', save: 'Save',
    mismatch: 'The two new passwords differ', required: 'Enter the {field}',
    rules: 'At least 10 characters from at least 3 of: upper case, lower case, digits, symbols; must not contain the username.',
    mustChange: 'Your password was reset or has expired: change it before using the system.',
    changed: 'Password changed: log in with the new password.', expired: 'Your session ended: log in again.',
    setupNeeded: 'No administrator exists yet. Use the one-time link (/setup?token=…) printed when the server started.',
    setupTitle: 'Setup: create the administrator', displayName: 'Display name (optional)', token: 'Setup token', create: 'Create administrator',
    setupDone: 'Administrator created: log in.', setupNotNeeded: 'Setup is already complete.', toLogin: 'Go to login',
    role: 'Role',
  },
})
