/** What the loopback listener answers: the sign-in tab's last page, and the short refusals. */

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<style>body{font:16px system-ui,sans-serif;margin:15vh auto;max-width:32rem;padding:0 1rem;color:#222}</style></head>` +
    `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`
  )
}

const CLOSE_TAB = 'You can close this tab and return to Keywarden.'

/** The page the sign-in tab ends on. */
export function callbackPage(outcome: { ok: true; message?: string } | { ok: false; message: string }): string {
  if (outcome.ok) return page('Signed in to Keywarden', outcome.message ? `${outcome.message} ${CLOSE_TAB}` : CLOSE_TAB)
  return page('Sign-in failed', `${outcome.message} ${CLOSE_TAB}`)
}

/** A plain-text answer to a request that is not the sign-in Keywarden is waiting for. */
export function refusalText(status: 400 | 404): string {
  return status === 404 ? 'Not found.\n' : 'Bad request: this is not the sign-in response Keywarden is waiting for.\n'
}
