import { writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { dialog, type BrowserWindow } from 'electron'
import type { SaveFileFilter, SaveFileResult } from '@core/platform'

/** Only the last part of a name the core suggests: a save dialog never starts in another folder. */
function bareName(suggestedName: string): string {
  const printable = [...suggestedName].filter((c) => c.charCodeAt(0) >= 0x20).join('')
  const name = basename(printable.replaceAll('\\', '/'))
  return name === '' || name === '.' || name === '..' ? 'export' : name
}

/**
 * The native save dialog (modal to the window where there is one), then the file written where the
 * user chose, readable by the user only. Cancelling writes nothing.
 */
export async function saveFileWithDialog(
  window: BrowserWindow | undefined,
  suggestedName: string,
  content: string,
  filters: SaveFileFilter[],
): Promise<SaveFileResult> {
  const options = { defaultPath: bareName(suggestedName), filters, properties: ['createDirectory' as const] }
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
  if (choice.canceled || !choice.filePath) return { saved: false }
  await writeFile(choice.filePath, content, { encoding: 'utf8', mode: 0o600 })
  return { saved: true, where: choice.filePath }
}
