import { demoUsers, DEMO_PASSWORD } from '../users'

export const LOGIN_PAGE_TITLE = 'Sign in to the Keywarden sandbox'

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)

const STYLE = `body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem;color:#1b1f24}
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.5rem;box-sizing:border-box;font:inherit}
button{margin-top:1.25rem;padding:.5rem 1.25rem;font:inherit}.error{color:#b42318;font-weight:600}.note{color:#57606a;font-size:.9rem}`

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body}
</body>
</html>`
}

export interface LoginPageModel {
  uid: string
  clientName: string
  username?: string
  error?: string
}

export function renderLoginPage({ uid, clientName, username, error }: LoginPageModel): string {
  const users = demoUsers
    .map((user) => `<li><code>${escapeHtml(user.username)}</code> (${escapeHtml(user.role)})</li>`)
    .join('')
  return page(
    LOGIN_PAGE_TITLE,
    `<h1>${escapeHtml(LOGIN_PAGE_TITLE)}</h1>
<p>${escapeHtml(clientName)} asks you to sign in.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required autofocus value="${escapeHtml(username ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<div class="note">Demo users, all with the password <code>${escapeHtml(DEMO_PASSWORD)}</code>:<ul>${users}</ul></div>`,
  )
}

export function renderMessagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`)
}

/** oidc-provider's error page: `out` holds error and error_description, both escaped. */
export function renderErrorPage(out: Record<string, unknown>): string {
  const rows = Object.entries(out)
    .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(value)}</p>`)
    .join('\n')
  return page('Keywarden sandbox: sign-in error', `<h1>Something went wrong</h1>\n${rows}`)
}
