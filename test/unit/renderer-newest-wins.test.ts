import { describe, expect, it } from 'vitest'
import { newestWins } from '@renderer/lib/newest-wins'

/** A call whose answer the test releases when it wants, in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** A store-like reader: applies an answer only while its call is still the newest. */
function reader() {
  const latest = newestWins()
  const applied: string[] = []
  async function load(answer: Promise<string>) {
    const current = latest.begin()
    const value = await answer
    if (current()) applied.push(value)
  }
  return { latest, applied, load }
}

describe('newest answer wins', () => {
  it('drops an older answer that arrives after a newer one', async () => {
    const { applied, load } = reader()
    const first = deferred<string>()
    const second = deferred<string>()
    const loads = [load(first.promise), load(second.promise)]
    second.resolve('second')
    first.resolve('first')
    await Promise.all(loads)
    expect(applied).toEqual(['second'])
  })

  it('drops an older answer that arrives before the newer one too', async () => {
    const { applied, load } = reader()
    const first = deferred<string>()
    const second = deferred<string>()
    const loads = [load(first.promise), load(second.promise)]
    first.resolve('first')
    await loads[0]
    expect(applied).toEqual([])
    second.resolve('second')
    await loads[1]
    expect(applied).toEqual(['second'])
  })

  it('drops every answer in flight after invalidate (a clear, or a newer push from main)', async () => {
    const { latest, applied, load } = reader()
    const pending = deferred<string>()
    const loading = load(pending.promise)
    latest.invalidate()
    pending.resolve('stale')
    await loading
    expect(applied).toEqual([])
    // The next call after the clear is current again.
    await load(Promise.resolve('fresh'))
    expect(applied).toEqual(['fresh'])
  })

  it('keeps separate helpers apart', async () => {
    const a = reader()
    const b = reader()
    const slow = deferred<string>()
    const loading = a.load(slow.promise)
    await b.load(Promise.resolve('b'))
    slow.resolve('a')
    await loading
    expect([a.applied, b.applied]).toEqual([['a'], ['b']])
  })
})
