export interface Logger {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

// Anything shaped like a credential is cut out before a line is written. Callers already never pass
// tokens or keys to the log; this is the last line of defence. The formats are the dialects' own
// (docs/remote-apis.md, sandbox/keys/key-format.ts): gateway `apk_` and wallet `wk_` keys, pulse
// `pst_` session tokens and bare 46-symbol base62 secrets; and the browser host's one-time `code=`
// and its `keywarden_…` session cookie.
const credentialPatterns: Array<[RegExp, string]> = [
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]'],
  [/\bBasic\s+[A-Za-z0-9+/=]{8,}/gi, 'Basic [redacted]'],
  [/\b(apk|wk|pst)_[A-Za-z0-9]{8,}/g, '$1_[redacted]'],
  // Headers and JSON fields that carry a key or secret, whatever its shape.
  [/\b(x-api-(?:key|secret))(["']?\s*[:=]\s*["']?)[^\s"',;}&]+/gi, '$1$2[redacted]'],
  [
    /("(?:value|secret|apiSecret|apiKey|password|token|refresh_token|access_token|id_token|code)"\s*:\s*")[^"]*"/g,
    '$1[redacted]"',
  ],
  [
    /\b((?:access|refresh|id)_token|code|code_verifier|client_secret|password|state|token|api_?secret|secret)=[^&\s"';,]+/gi,
    '$1=[redacted]',
  ],
  // The browser host's session cookie (Cookie / Set-Cookie text): keywarden_<instance>=<secret>.
  [/\b(keywarden_[^=\s;,]*)=[^;\s,]+/g, '$1=[redacted]'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  // A bare secret: a run of 40 or more base62 symbols (pulse secrets are 46) that is not part of a longer word.
  [/(?<![A-Za-z0-9_-])[A-Za-z0-9]{40,}(?![A-Za-z0-9_-])/g, '[redacted-secret]'],
]

export function redact(line: string): string {
  return credentialPatterns.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), line)
}

export function consoleLogger(prefix = 'keywarden'): Logger {
  const write = (level: string, message: string) =>
    console.log(`${new Date().toISOString()} ${prefix} ${level} ${redact(message)}`)
  return {
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
  }
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }
