import type { AppErrorData, ErrorCode } from '@shared/domain/errors'

/** An error the user should see as it is: its message is written for people, never holds a secret. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'AppError'
  }

  toData(): AppErrorData {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message }
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}

/** A short, secret-free description of an unexpected error, for logs and wrapped messages. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : ''
    return `${error.name}: ${error.message}${cause}`
  }
  return String(error)
}
