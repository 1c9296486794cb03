import type { OpenApiFragment } from './common'

/** The wallet dialect's part of /openapi.json (paths below /wallet). */
export const walletFragment: OpenApiFragment = {
  basePath: '/wallet',
  tag: { name: 'wallet', description: 'Wallet IAM keys (seed 001).' },
  paths: {},
  schemas: {},
}
