import { describe, expect, it } from 'vitest'
import { classifyUpdateError, describeUpdateStatus } from '@core/updates/update-messages'

describe('update errors, as electron-updater reports them', () => {
  it.each([
    [
      'ERR_UPDATER_INVALID_SIGNATURE',
      'New version 1.2.0 is not signed by the application owner: publisherNames: Keywarden',
      'verification',
    ],
    ['ERR_CHECKSUM_MISMATCH', 'sha512 checksum mismatch, expected abc, got def', 'verification'],
    [undefined, 'sha512 checksum mismatch, expected abc, got def', 'verification'],
    ['HTTP_ERROR_404', 'Cannot find latest-mac.yml in the latest release artifacts', 'unreachable'],
    [undefined, 'net::ERR_INTERNET_DISCONNECTED', 'unreachable'],
    [undefined, 'getaddrinfo ENOTFOUND github.com', 'unreachable'],
    [undefined, 'Something else went wrong', 'other'],
  ] as const)('%s / %s → %s', (code, message, expected) => {
    expect(classifyUpdateError(message, code)).toBe(expected)
  })
})

describe('what Settings says', () => {
  it('names the version and the next step, never a URL', () => {
    const ready = describeUpdateStatus({ state: 'downloaded', version: '1.2.0' })
    expect(ready).toEqual({
      state: 'downloaded',
      version: '1.2.0',
      nextCheckAt: null,
      message: 'Keywarden 1.2.0 is ready. Restart Keywarden to install it, or it installs when you quit.',
    })
    const failed = describeUpdateStatus({
      state: 'error',
      failure: 'unreachable',
      nextCheckAt: Date.parse('2026-03-01T09:00:00Z'),
    })
    expect(failed.nextCheckAt).toBe('2026-03-01T09:00:00.000Z')
    expect(failed.message).not.toMatch(/https?:/)
    expect(describeUpdateStatus({ state: 'checking' }).message).toBe('Checking for updates…')
  })
})
