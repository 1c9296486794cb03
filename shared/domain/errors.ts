/** Error codes every layer agrees on; the UI decides what to show from the code, never from text. */
export const errorCodes = [
  'VALIDATION', // input failed its schema, or the server named a bad field
  'UNAUTHENTICATED', // not signed in, or the session could not be renewed
  'FORBIDDEN', // signed in, but not allowed
  'NOT_FOUND',
  'CONFLICT',
  'NETWORK', // the server could not be reached
  'TIMEOUT',
  'CANCELLED', // the request was cancelled because the user switched away; nothing to show
  'KEYCHAIN', // the OS keychain is unavailable or locked
  'AUTH_CANCELLED', // sign-in was cancelled or timed out
  'AUTH_FAILED', // the authorization server refused or the callback was invalid
  'REAUTH_REQUIRED', // a sensitive action needs a fresh sign-in first (sudo mode)
  'LOCKED', // Keywarden is locked; unlocking needs the same proof as sudo mode
  'BAD_RESPONSE', // the server answered something we cannot understand
  'SERVER', // the server failed (5xx)
  'INTERNAL', // a bug on our side; details are in the main-process log
] as const

export type ErrorCode = (typeof errorCodes)[number]

export interface AppErrorData {
  code: ErrorCode
  message: string
  /** Field-level problems, keyed by field path, for forms. */
  fields?: Record<string, string>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }
