import { callNames, type CallName } from '@shared/contract'
import { describe, expect, it } from 'vitest'
import type { SessionState } from '@shared/domain/session'
import { AppError } from '@core/errors'
import { dispatchCall, type CallHandlers } from '@core/ipc/dispatch'
import type { Logger } from '@core/log'

const signedOut: SessionState = {
  status: 'signed-out',
  profile: {
    id: 'p1',
    name: 'Test',
    dialect: 'gateway',
    apiBaseUrl: 'https://api.example',
    auth: { kind: 'oauth', issuer: 'https://id.example', clientId: 'c' },
    defaultAccountId: null,
    managedBy: null,
  },
}

/** Handlers that record every call they get; `getSession` can be told to fail. */
function recordingHandlers(getSession: () => Promise<SessionState> = async () => signedOut) {
  const calls: Array<{ name: string; input: unknown }> = []
  const record =
    <T>(name: string, answer: () => Promise<T>) =>
    async (input: unknown): Promise<T> => {
      calls.push({ name, input })
      return answer()
    }
  // Every call of the contract is recorded; the ones under test answer something real.
  const answers: Partial<Record<CallName, () => Promise<unknown>>> = {
    getSession,
    signIn: async () => signedOut,
    listKeys: async () => ({
      profileId: 'p1',
      accountId: null,
      keys: [],
      localCopyKeyIds: [],
      fetchedAt: '2025-01-01T00:00:00Z',
    }),
  }
  const handlers = Object.fromEntries(
    callNames.map((name) => [name, record(name, answers[name] ?? (async () => undefined))]),
  ) as unknown as CallHandlers
  return { handlers, calls }
}

function recordingLog() {
  const lines: string[] = []
  const log: Logger = { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) }
  return { log, lines }
}

describe('dispatchCall', () => {
  it('runs the handler with input that passes the contract schema', async () => {
    const { handlers, calls } = recordingHandlers()
    const result = await dispatchCall(handlers, 'getSession', undefined, recordingLog().log)
    expect(result).toEqual({ ok: true, value: signedOut })
    expect(calls).toEqual([{ name: 'getSession', input: undefined }])
  })

  it('answers VALIDATION for input that fails the schema, and never calls the handler', async () => {
    const { handlers, calls } = recordingHandlers()
    const result = await dispatchCall(handlers, 'getSession', { x: 1 }, recordingLog().log)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('VALIDATION')
    expect(result.error.message).toContain('getSession')
    expect(result.error.fields).toBeDefined()
    expect(calls).toEqual([])
  })

  it.each(['deleteEverything', '__proto__', 'toString', 'constructor', ''])(
    'answers VALIDATION for the unknown call %j',
    async (name) => {
      const { handlers, calls } = recordingHandlers()
      const result = await dispatchCall(handlers, name, undefined, recordingLog().log)
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      if (!result.ok) expect(result.error.message).toContain(`"${name}"`)
      expect(calls).toEqual([])
    },
  )

  it('passes an AppError on as its code, message and fields', async () => {
    const { handlers } = recordingHandlers(async () => {
      throw new AppError('KEYCHAIN', 'Keywarden could not read a secret from the keyring.', { account: 'locked' })
    })
    const result = await dispatchCall(handlers, 'getSession', undefined, recordingLog().log)
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'KEYCHAIN',
        message: 'Keywarden could not read a secret from the keyring.',
        fields: { account: 'locked' },
      },
    })
  })

  it('turns an unexpected error into INTERNAL with a generic message that does not repeat the error', async () => {
    const secret = 'refresh-token-4f9a1c'
    const { handlers } = recordingHandlers(async () => {
      throw new TypeError(`cannot parse ${secret}`)
    })
    const { log, lines } = recordingLog()
    const result = await dispatchCall(handlers, 'getSession', undefined, log)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INTERNAL')
    expect(result.error.message).toMatch(/log/i)
    expect(JSON.stringify(result)).not.toContain(secret)
    expect(JSON.stringify(result)).not.toContain('TypeError')
    // The details go to the main-process log (which redacts what it writes), naming the call.
    expect(lines.some((line) => line.includes('getSession') && line.includes('TypeError'))).toBe(true)
  })

  it('turns a thrown non-Error value into INTERNAL too', async () => {
    const { handlers } = recordingHandlers(async () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a handler that throws a non-Error is the case under test
      throw 'plain string with apk_secretvalue123'
    })
    const result = await dispatchCall(handlers, 'getSession', undefined, recordingLog().log)
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(result)).not.toContain('apk_secretvalue123')
  })
})
