/**
 * "Newest answer wins" for a store whose calls can overlap: each call takes a ticket when it starts,
 * and its answer is applied only while the ticket is still current. A newer call, or anything that
 * makes the answers in flight stale (a clear on sign-out or profile switch, a push from main that is
 * newer than any read), takes the ticket away.
 */
export interface NewestWins {
  /** Starts a call; the returned check says whether its answer may still be applied. */
  begin(): () => boolean
  /** Drops every answer still in flight. */
  invalidate(): void
}

export function newestWins(): NewestWins {
  let generation = 0
  return {
    begin() {
      const mine = ++generation
      return () => mine === generation
    },
    invalidate() {
      generation++
    },
  }
}
