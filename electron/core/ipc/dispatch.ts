import { z } from 'zod'
import { calls, type CallName, type CallOutput, type ParsedCallInput } from '@shared/contract'
import type { Result } from '@shared/domain/errors'
import { AppError, describeError, isAppError } from '../errors'
import type { Logger } from '../log'

/** The implementation of every call in the contract. */
export type CallHandlers = { [K in CallName]: (input: ParsedCallInput<K>) => Promise<CallOutput<K>> }

function isCallName(name: string): name is CallName {
  return Object.hasOwn(calls, name)
}

function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(input)'
    fields[path] ??= issue.message
  }
  return fields
}

/**
 * Runs one call: the input is parsed with the contract's schema first, and the handler never sees
 * input that failed it. Every failure becomes a typed error the UI can show.
 * The transport (ipcMain, or the browser host's WebSocket) checks the sender before calling this.
 */
export async function dispatchCall(
  handlers: CallHandlers,
  name: string,
  rawInput: unknown,
  log: Logger,
): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'VALIDATION', message: `Unknown call "${name}".` } }
  }
  const parsed = calls[name].input.safeParse(rawInput)
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'VALIDATION',
        message: `Invalid input for ${name}: ${z.prettifyError(parsed.error)}`,
        fields: fieldsOf(parsed.error),
      },
    }
  }
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>
    return { ok: true, value: await handler(parsed.data) }
  } catch (error) {
    if (isAppError(error)) {
      log.warn(`${name} failed: ${error.code} ${error.message}`)
      return { ok: false, error: error.toData() }
    }
    log.error(`${name} failed unexpectedly: ${describeError(error)}`)
    return {
      ok: false,
      error: new AppError('INTERNAL', 'Something went wrong in Keywarden. The details are in the log.').toData(),
    }
  }
}
