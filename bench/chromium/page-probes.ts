// Scripts run inside the benchmark's Chromium pages, as source text (the bench's tsconfig has no DOM).

/**
 * Marks, on `window.__bench`, when the first row showed and when the count reached the total
 * (milliseconds since navigation start).
 */
export function watchTableScript(options: { rowSelector: string; countSelector: string; total: number }): string {
  return `(() => {
    const options = ${JSON.stringify(options)}
    const marks = {}
    window.__bench = marks
    const totalText = options.total.toLocaleString('en-US')
    const look = () => {
      if (marks.firstRow === undefined && document.querySelector(options.rowSelector)) marks.firstRow = performance.now()
      if (marks.complete === undefined) {
        const count = (document.querySelector(options.countSelector)?.textContent ?? '').replace(/\\s/g, '')
        if (count.startsWith(totalText)) marks.complete = performance.now()
      }
    }
    new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true })
  })()`
}

/**
 * Types `query` one key at a time into the input and, for each keydown, measures the time to the
 * first animation frame after the last change the keystroke made under `root` (the rows and the
 * count), once nothing changed for 150 ms: keydown to the frame showing the filtered rows. The
 * expression resolves with the milliseconds per keystroke.
 */
export function typeAndMeasureScript(options: { inputSelector: string; rootSelector: string; query: string }): string {
  return `(async () => {
    const options = ${JSON.stringify(options)}
    const input = document.querySelector(options.inputSelector)
    const root = document.querySelector(options.rootSelector) ?? document.body
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set
    const times = []
    input.focus()
    for (const char of options.query) {
      let lastChange = -1
      const observer = new MutationObserver(() => (lastChange = performance.now()))
      observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true })
      const start = performance.now()
      input.dispatchEvent(new KeyboardEvent('keydown', { key: char, bubbles: true }))
      setValue.call(input, input.value + char)
      input.dispatchEvent(new Event('input', { bubbles: true }))
      input.dispatchEvent(new KeyboardEvent('keyup', { key: char, bubbles: true }))
      const shown = await new Promise((resolve) => {
        let frameAfterChange = -1
        let seenChange = -1
        const frame = () => {
          const at = performance.now()
          if (lastChange > seenChange) {
            seenChange = lastChange
            frameAfterChange = at
          }
          if (at - Math.max(start, seenChange) > 150) resolve(frameAfterChange < 0 ? at : frameAfterChange)
          else requestAnimationFrame(frame)
        }
        requestAnimationFrame(frame)
      })
      observer.disconnect()
      times.push(shown - start)
    }
    return times
  })()`
}
