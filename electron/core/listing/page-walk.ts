import type { ApiKey } from '@shared/domain/api-key'
import { FIRST_PAGE, MAX_PAGES, tooManyPages, type KeyPage, type PageRef } from '../dialects/paging'
import { isAppError } from '../errors'

/** How many pages are read at once where the paging allows it. */
export const DEFAULT_CONCURRENCY = 4

export interface PageWalkSink {
  /** A page arrived (in the order they arrive, not the list's order). */
  page(keys: ApiKey[], progress: { loaded: number; total: number | null }): void
}

export type WalkOutcome = { status: 'done' } | { status: 'failed'; error: unknown } | { status: 'cancelled' }

/**
 * Reads every page of a key list as fast as its paging allows: the first page, then, where it says
 * how many pages there are, all the others by number, `concurrency` at a time; otherwise following
 * each page's `next`. A page that fails stops the walk after the pages in flight land (their rows
 * count); `run()` again resumes from the failed page and the ones not read yet.
 */
export class PageWalk {
  private loaded = 0
  private total: number | null = null
  private pagesRead = 0
  /** Pages still to read, in order; the failed page goes back to the front. */
  private pending: PageRef[] = [FIRST_PAGE]
  private numbered = false
  private running: Promise<WalkOutcome> | undefined

  constructor(
    private readonly read: (ref: PageRef) => Promise<KeyPage>,
    private readonly sink: PageWalkSink,
    private readonly signal: AbortSignal,
    private readonly concurrency = DEFAULT_CONCURRENCY,
  ) {}

  get progress(): { loaded: number; total: number | null } {
    return { loaded: this.loaded, total: this.total }
  }

  /** Runs (or resumes) the walk; a second call while it runs joins the first. */
  run(): Promise<WalkOutcome> {
    this.running ??= this.walk().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  private async walk(): Promise<WalkOutcome> {
    let failure: { error: unknown } | undefined
    /** Reads one queued page; false when there is nothing (more) to read now. */
    const step = async (): Promise<boolean> => {
      const ref = failure || this.signal.aborted ? undefined : this.pending.shift()
      if (ref === undefined) return false
      try {
        this.accept(ref, await this.read(ref))
        return true
      } catch (error) {
        this.pending.unshift(ref)
        failure ??= { error }
        return false
      }
    }
    const worker = async (): Promise<void> => {
      while (await step());
    }
    // The first page alone: it says whether the rest can be read in parallel.
    if (this.pagesRead === 0) await step()
    await Promise.all(Array.from({ length: this.numbered ? this.concurrency : 1 }, worker))
    if (this.signal.aborted || (failure && isCancelled(failure.error))) return { status: 'cancelled' }
    if (failure) return { status: 'failed', error: failure.error }
    return { status: 'done' }
  }

  private accept(ref: PageRef, page: KeyPage): void {
    if (this.pagesRead >= MAX_PAGES) throw tooManyPages('keys')
    const first = this.pagesRead === 0
    if (first && 'index' in ref && page.pageCount !== null) {
      if (page.pageCount > MAX_PAGES) throw tooManyPages('keys')
      // Every other page by number, read in parallel.
      this.numbered = true
      this.pending = Array.from({ length: Math.max(0, page.pageCount - 1) }, (_, n) => ({ index: n + 1 }))
    } else if (!this.numbered && page.next !== null) {
      this.pending.unshift(page.next)
    }
    this.pagesRead++
    this.loaded += page.keys.length
    if (page.total !== null) this.total = page.total
    this.sink.page(page.keys, this.progress)
  }
}

function isCancelled(error: unknown): boolean {
  return isAppError(error) && error.code === 'CANCELLED'
}
