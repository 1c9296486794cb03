/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), RFC 4180 quoting
 * (fields with a comma, quote, CR or LF are quoted, quotes doubled, lines end in CRLF), and no formula
 * injection: a cell starting with =, +, -, @, a tab or a CR is prefixed with an apostrophe, so a
 * spreadsheet shows it as text instead of running it (OWASP "CSV injection").
 */

export const BOM = '\uFEFF'

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

/** One field, escaped against formulas and quoted where RFC 4180 needs it. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** A whole file: the header, then one line per row, each with the header's number of fields. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((row, index) => {
    if (row.length !== header.length)
      throw new Error(`CSV row ${index} has ${row.length} fields; the header has ${header.length}.`)
    return row.map(csvField).join(',')
  })
  return `${BOM}${lines.join('\r\n')}\r\n`
}
