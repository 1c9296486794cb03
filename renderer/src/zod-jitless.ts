import { z } from 'zod'

// zod compiles fast parsers with `new Function` where it may, and probes for that when a schema is
// built. The CSP forbids eval, so the probe would log a CSP violation on every start. Imported
// first by main.tsx, before any module builds a schema.
z.config({ jitless: true })
