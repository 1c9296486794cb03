import type { OpenApiFragment } from './common'

/** The pulse dialect's part of /openapi.json (paths below /pulse). */
export const pulseFragment: OpenApiFragment = {
  basePath: '/pulse',
  tag: { name: 'pulse', description: 'Pulse keys and secrets (seed 002).' },
  paths: {},
  schemas: {},
}
