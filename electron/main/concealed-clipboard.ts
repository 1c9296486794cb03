/**
 * The "do not keep this" markers clipboard managers look for, per platform, written beside the text
 * in one atomic `clipboard.write([new ClipboardItem({...})])` (Electron 45's W3C-style clipboard
 * commits every entry of one write together; the older `writeBuffer(format, buffer)` opened a new
 * clipboard writer per call, so a marker written after the text replaced it: electron/electron#2130).
 * Raw platform formats go through Electron's `electron application/osclipboard;format="<name>"`.
 *
 * What is marked:
 * - macOS: `org.nspasteboard.ConcealedType` (empty payload), honoured by clipboard managers that
 *   follow nspasteboard.org (Alfred, Maccy, Raycast, Paste, ...). Universal Clipboard (Handoff) is
 *   not controlled by it.
 * - Windows: `ExcludeClipboardContentFromMonitorProcessing` (empty), `CanIncludeInClipboardHistory`
 *   = DWORD 0 and `CanUploadToCloudClipboard` = DWORD 0: Windows' own clipboard history (Win+V) and
 *   cloud clipboard skip it, as do monitors that honour the first format.
 * - Linux: `x-kde-passwordManagerHint` = `secret`, honoured by KDE's Klipper; GNOME has no common
 *   convention, so clipboard-history extensions there may still keep it. The primary selection is
 *   never written.
 * - Anywhere else: the plain text only.
 * Nothing can stop a program that reads the clipboard directly while the secret is on it: the
 * clearing timer is what limits that.
 */
export const OSCLIPBOARD = (format: string): string => `electron application/osclipboard;format="${format}"`

/** Four zero bytes: a little-endian DWORD 0, as the Windows clipboard-history formats expect. */
const dwordZero = (): Blob => new Blob([new Uint8Array(4)])

export function concealmentMarkers(platform: NodeJS.Platform): Record<string, string | Blob> {
  switch (platform) {
    case 'darwin':
      return { [OSCLIPBOARD('org.nspasteboard.ConcealedType')]: '' }
    case 'win32':
      return {
        [OSCLIPBOARD('ExcludeClipboardContentFromMonitorProcessing')]: '',
        [OSCLIPBOARD('CanIncludeInClipboardHistory')]: dwordZero(),
        [OSCLIPBOARD('CanUploadToCloudClipboard')]: dwordZero(),
      }
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return { [OSCLIPBOARD('x-kde-passwordManagerHint')]: 'secret' }
    default:
      return {}
  }
}
