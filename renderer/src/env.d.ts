import type { KeywardenBridge } from '../../shared/contract'
import type { StateSnapshot } from './stores/state-snapshot'

declare global {
  interface Window {
    /** Injected by the preload (or the browser test host); the renderer's only way out. */
    readonly keywarden?: KeywardenBridge
    /** Read-only view of the stores for end-to-end tests. */
    __keywardenState?: () => StateSnapshot
  }
}

export {}
