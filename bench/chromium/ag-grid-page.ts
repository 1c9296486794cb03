import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'

/** The columns AG Grid shows: the same metadata Keywarden's table shows. */
export interface GridRow {
  name: string
  maskedKey: string
  status: string
  permissions: string
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  notes: string | null
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>AG Grid bench</title>
<script src="ag-grid.js"></script></head><body>
<input id="filter" type="search" aria-label="Filter keys"><span id="count"></span>
<div id="grid" style="height:700px;width:1200px"></div>
<script>
fetch('keys.json').then((r) => r.json()).then((rows) => {
  const api = agGrid.createGrid(document.getElementById('grid'), {
    rowData: rows,
    columnDefs: ['name','maskedKey','status','permissions','createdAt','expiresAt','lastUsedAt','notes'].map((field) => ({ field, sortable: true })),
    onModelUpdated: () => { document.getElementById('count').textContent = api.getDisplayedRowCount().toLocaleString('en-US') + ' keys' },
  })
  document.getElementById('filter').addEventListener('input', (e) => api.setGridOption('quickFilterText', e.target.value))
})
</script></body></html>`

/** Serves the AG Grid page (AG Grid Community from node_modules: bench only), its script and the rows as a file. */
export async function serveAgGrid(rows: GridRow[]): Promise<{ url: string; close: () => Promise<void> }> {
  // The package exports only its module entries; its UMD bundle sits next to them in dist/.
  const entry = createRequire(import.meta.url).resolve('ag-grid-community')
  const script = readFileSync(join(dirname(entry), '..', 'ag-grid-community.min.js'))
  const data = JSON.stringify(rows)
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/ag-grid.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
    else if (path === '/keys.json') res.writeHead(200, { 'content-type': 'application/json' }).end(data)
    else res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
