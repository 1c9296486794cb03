import type { Clock } from '../clock'
import type { CallHandlers } from '../ipc/dispatch'
import type { PlatformPort } from '../platform'
import { IDENTIFY_MAX_CHARS } from '@shared/contracts/identify'
import { ScanService } from '../scan/scan-service'
import { IdentifyService, type IdentifyDeps } from './identify-service'
import { StagedPaste } from './staged-paste'

type IdentifyHandlers = Pick<
  CallHandlers,
  | 'identifyText'
  | 'stageIdentifyText'
  | 'cancelIdentify'
  | 'pickFolder'
  | 'startScan'
  | 'cancelScan'
  | 'showScanFinding'
>

/** Identify and folder scan calls. `unlocked` refuses while Keywarden is locked. */
export function identifyHandlers(
  deps: IdentifyDeps & { clock: Clock; platform: PlatformPort },
  unlocked: <T>(run: () => Promise<T>) => Promise<T>,
): IdentifyHandlers {
  const identify = new IdentifyService(deps)
  const scans = new ScanService(deps)
  const staged = new StagedPaste(IDENTIFY_MAX_CHARS)
  return {
    identifyText: ({ text }) => unlocked(() => identify.identifyText(staged.complete(text))),
    stageIdentifyText: ({ part }) => unlocked(async () => staged.append(part)),
    cancelIdentify: async () => {
      staged.clear()
      identify.cancel()
    },
    pickFolder: async () => ({ path: deps.platform.pickFolder ? await deps.platform.pickFolder() : null }),
    startScan: (options) => unlocked(() => scans.start(options)),
    cancelScan: async ({ scanId }) => scans.cancel(scanId),
    showScanFinding: ({ scanId, index }) => unlocked(() => scans.showInFolder(scanId, index)),
  }
}
