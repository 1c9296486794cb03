import { describe, expect, it } from 'vitest'
import { RENEW_MARGIN_MS, SingleFlight, TokenRenewal, type ExpiringToken } from '@core/auth/single-flight'

// The one renewal helper every session kind uses: one renewal however many callers wait, a token
// about to expire renewed first, a rejected one replaced once.

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

function harness() {
  let now = 1_000_000
  const renewals: Array<ReturnType<typeof deferred<ExpiringToken>>> = []
  const renewal = new TokenRenewal(
    () => {
      const next = deferred<ExpiringToken>()
      renewals.push(next)
      return next.promise
    },
    () => now,
  )
  return { renewal, renewals, advance: (ms: number) => (now += ms), at: () => now }
}

describe('TokenRenewal', () => {
  it('runs one renewal for callers that arrive together, and hands each the same token', async () => {
    const h = harness()
    const waiting = Promise.all([h.renewal.current(), h.renewal.current(), h.renewal.afterRejection('none-yet')])
    expect(h.renewals).toHaveLength(1)
    h.renewals[0]!.resolve({ value: 'token-1', expiresAt: h.at() + 10 * 60_000 })
    expect(await waiting).toEqual(['token-1', 'token-1', 'token-1'])
    expect(await h.renewal.current()).toBe('token-1')
    expect(h.renewals).toHaveLength(1)
  })

  it('renews a token that is about to expire before handing it out', async () => {
    const h = harness()
    h.renewal.set({ value: 'old', expiresAt: h.at() + RENEW_MARGIN_MS + 5_000 })
    expect(await h.renewal.current()).toBe('old')
    h.advance(5_000)
    const next = h.renewal.current()
    expect(h.renewals).toHaveLength(1)
    h.renewals[0]!.resolve({ value: 'new', expiresAt: h.at() + 10 * 60_000 })
    expect(await next).toBe('new')
  })

  it('after a 401 replaces the rejected token once; a caller with an already replaced token gets the new one', async () => {
    const h = harness()
    h.renewal.set({ value: 'rejected', expiresAt: h.at() + 10 * 60_000 })
    const first = h.renewal.afterRejection('rejected')
    const second = h.renewal.afterRejection('rejected')
    expect(h.renewals).toHaveLength(1)
    h.renewals[0]!.resolve({ value: 'replacement', expiresAt: h.at() + 10 * 60_000 })
    expect([await first, await second]).toEqual(['replacement', 'replacement'])
    expect(await h.renewal.afterRejection('rejected')).toBe('replacement')
    expect(h.renewals).toHaveLength(1)
  })

  it('a failed renewal fails every waiter, keeps no token, and the next call tries again', async () => {
    const h = harness()
    const a = h.renewal.current()
    const b = h.renewal.current()
    h.renewals[0]!.reject(new Error('refresh refused'))
    await expect(a).rejects.toThrow('refresh refused')
    await expect(b).rejects.toThrow('refresh refused')
    const again = h.renewal.current()
    expect(h.renewals).toHaveLength(2)
    h.renewals[1]!.resolve({ value: 'second-try', expiresAt: h.at() + 10 * 60_000 })
    expect(await again).toBe('second-try')
  })

  it('a sign-out (set(undefined)) makes the next caller renew instead of reusing the token', async () => {
    const h = harness()
    h.renewal.set({ value: 'before-sign-out', expiresAt: h.at() + 10 * 60_000 })
    h.renewal.set(undefined)
    const next = h.renewal.current()
    expect(h.renewals).toHaveLength(1)
    h.renewals[0]!.resolve({ value: 'after', expiresAt: h.at() + 10 * 60_000 })
    expect(await next).toBe('after')
  })
})

describe('SingleFlight', () => {
  it('joins a running task and starts a fresh one once it settled', async () => {
    const flight = new SingleFlight<number>()
    let runs = 0
    const gate = deferred<void>()
    const task = async () => {
      runs++
      await gate.promise
      return runs
    }
    const a = flight.run(task)
    const b = flight.run(task)
    expect(flight.busy).toBe(true)
    gate.resolve()
    expect([await a, await b]).toEqual([1, 1])
    expect(flight.busy).toBe(false)
    expect(await flight.run(task)).toBe(2)
  })
})
