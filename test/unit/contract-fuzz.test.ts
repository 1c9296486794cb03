import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callNames, calls, type CallName } from '@shared/contract'
import type { Result } from '@shared/domain/errors'
import { dispatchCall, type CallHandlers } from '@core/ipc/dispatch'
import type { Logger } from '@core/log'
import { malformedArbitrary, secretMarker, stringsIn, validArbitrary } from '../support/contract-arbitraries'

// Property-based fuzzing of the main-side dispatch: every call of the contract gets thousands of
// malformed payloads. The dispatch must never throw, must answer each with a typed VALIDATION error
// that echoes no value, and must never run a handler on input its schema refuses.

const invalidTarget = 10_000
const runsPerCall = Math.ceil((invalidTarget * 1.25) / callNames.length)

interface Recorder {
  handlers: CallHandlers
  ran: Array<{ name: CallName; input: unknown }>
  logged: string[]
}

function recorder(): Recorder {
  const ran: Recorder['ran'] = []
  const handlers = Object.fromEntries(
    callNames.map((name) => [name, async (input: unknown) => (ran.push({ name, input }), { handled: name })]),
  ) as unknown as CallHandlers
  return { handlers, ran, logged: [] }
}

function loggerInto(lines: string[]): Logger {
  return { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) }
}

/** Objects the handler gets are plain: no own `__proto__`, and a normal (or null) prototype. */
function expectPlainData(value: unknown, path = '(input)'): void {
  if (value === null || typeof value !== 'object') return
  expect(Object.hasOwn(value, '__proto__'), `${path} has an own __proto__`).toBe(false)
  expect([Object.prototype, Array.prototype, null]).toContain(Object.getPrototypeOf(value))
  for (const [key, item] of Object.entries(value)) expectPlainData(item, `${path}.${key}`)
}

function expectValidationError(result: Result<unknown>, name: string): void {
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.error.code).toBe('VALIDATION')
  expect(result.error.message).toMatch(new RegExp(`^Invalid input for ${name}: `))
  expect(Object.keys(result.error).sort()).toEqual(['code', 'fields', 'message'])
  const fields = result.error.fields ?? {}
  expect(Object.keys(fields).length).toBeGreaterThan(0)
  for (const message of Object.values(fields)) expect(typeof message).toBe('string')
  // The answer crosses IPC: it must survive a structured clone and JSON unchanged.
  expect(structuredClone(result)).toEqual(result)
  expect(JSON.parse(JSON.stringify(result))).toEqual(result)
}

const counts = { invalid: 0, valid: 0 }
const invalidPerCall = new Map<CallName, number>()
let prototypeNamesBefore: string[] = []
let arrayPrototypeNamesBefore: string[] = []

beforeAll(() => {
  prototypeNamesBefore = Object.getOwnPropertyNames(Object.prototype).sort()
  arrayPrototypeNamesBefore = Object.getOwnPropertyNames(Array.prototype).sort()
})

describe('contract fuzz: dispatchCall on malformed input', () => {
  it('knows every call of the contract and has a valid input for each (the base the mutations start from)', async () => {
    expect(callNames.length).toBeGreaterThan(20)
    for (const name of callNames) {
      const [valid] = fc.sample(validArbitrary(calls[name].input), { numRuns: 1, seed: 7 })
      const { handlers, ran } = recorder()
      // A positive control: the recording handlers do run when the input is valid.
      const result = await dispatchCall(handlers, name, valid, loggerInto([]))
      expect(result, name).toEqual({ ok: true, value: { handled: name } })
      expect(ran.map((entry) => entry.name)).toEqual([name])
    }
  })

  it.each(callNames)('%s: never throws, answers VALIDATION, never runs a handler on invalid input', async (name) => {
    const schema = calls[name].input
    let invalidHere = 0
    await fc.assert(
      fc.asyncProperty(malformedArbitrary(schema), async (input) => {
        const isValid = schema.safeParse(input).success
        const { handlers, ran, logged } = recorder()
        const result = await dispatchCall(handlers, name, input, loggerInto(logged))
        if (isValid) {
          // A mutation the schema still accepts (say an extra key it strips): the handler runs once
          // with the parsed, plain data and nothing else.
          counts.valid += 1
          expect(result).toEqual({ ok: true, value: { handled: name } })
          expect(ran).toHaveLength(1)
          expect(ran[0]!.input).toEqual(schema.parse(input))
          expectPlainData(ran[0]!.input)
          return
        }
        invalidHere += 1
        counts.invalid += 1
        expect(ran).toEqual([])
        expectValidationError(result, name)
        // No value the caller sent (a key or secret could be one) comes back in the answer or the log.
        const answer = JSON.stringify(result) + logged.join('\n')
        for (const sent of stringsIn(input)) {
          if (sent.startsWith(secretMarker)) expect(answer.includes(sent)).toBe(false)
        }
        expect(answer.includes(secretMarker)).toBe(false)
      }),
      { numRuns: runsPerCall, seed: 0x6b77 + callNames.indexOf(name), endOnFailure: true },
    )
    invalidPerCall.set(name, invalidHere)
    // Spread over every call: most of each call's inputs are really invalid.
    expect(invalidHere).toBeGreaterThanOrEqual(Math.floor(runsPerCall * 0.6))
  })

  it('unknown call names, prototype names included, are refused without running anything', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', ''),
          fc.constantFrom(...callNames).map((name) => name + ' '),
        ),
        fc.anything(),
        async (name, input) => {
          fc.pre(!callNames.includes(name as CallName))
          const { handlers, ran } = recorder()
          const result = await dispatchCall(handlers, name, input, loggerInto([]))
          expect(ran).toEqual([])
          expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message: `Unknown call "${name}".` } })
        },
      ),
      { numRuns: 500, seed: 0x6b78 },
    )
  })

  it(`sent at least ${invalidTarget} invalid payloads, spread over every call`, () => {
    expect([...invalidPerCall.keys()].sort()).toEqual([...callNames].sort())
    expect(counts.invalid).toBeGreaterThanOrEqual(invalidTarget)
  })

  it('left Object.prototype and Array.prototype untouched after the whole run', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNamesBefore)
    expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayPrototypeNamesBefore)
    const probe: Record<string, unknown> = {}
    expect([probe.polluted, probe.isAdmin]).toEqual([undefined, undefined])
  })
})

afterAll(() => {
  console.log(
    `contract fuzz: ${counts.invalid} invalid payloads refused, ${counts.valid} still-valid mutations handled`,
  )
})
