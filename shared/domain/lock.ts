/** Why Keywarden locked. */
export type LockReason = 'idle' | 'sleep' | 'screen-lock' | 'user'

export type LockState = { locked: false } | { locked: true; reason: LockReason; message: string }
