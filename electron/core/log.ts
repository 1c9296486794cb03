export interface Logger {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

// Anything shaped like a credential is cut out before a line is written. Callers already never pass
// tokens or keys to the log; this is the last line of defence.
const credentialPatterns: Array<[RegExp, string]> = [
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]'],
  [/\bapk_[A-Za-z0-9]{8,}/g, 'apk_[redacted]'],
  [/\b((?:access|refresh|id)_token|code|code_verifier|client_secret|password|state)=[^&\s"']+/gi, '$1=[redacted]'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
]

export function redact(line: string): string {
  return credentialPatterns.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), line)
}

export function consoleLogger(prefix = 'keywarden'): Logger {
  const write = (level: string, message: string) => console.log(`${new Date().toISOString()} ${prefix} ${level} ${redact(message)}`)
  return {
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
  }
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }
