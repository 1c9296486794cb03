import { describe, expect, it } from 'vitest'
import type { AppErrorData } from '@shared/domain/errors'
import { keyFormFieldOf, splitKeyServerError } from '@renderer/features/keys/form/server-errors'
import { profileFieldOf } from '@renderer/features/profiles/profile-form-values'
import { splitServerError } from '@renderer/lib/server-errors'

const error = (overrides: Partial<AppErrorData>): AppErrorData => ({
  code: 'VALIDATION',
  message: 'Check the form.',
  ...overrides,
})

describe('server errors on the key forms', () => {
  it("land on the field a path names, the model's or the call input's", () => {
    expect(keyFormFieldOf('permissions.cards')).toBe('permissions')
    expect(keyFormFieldOf('draft.name')).toBe('name')
    expect(keyFormFieldOf('changes.notes')).toBe('notes')
    expect(keyFormFieldOf('expiresAt')).toBe('expiresAt')
    expect(keyFormFieldOf('idempotencyKey')).toBeUndefined()
    expect(keyFormFieldOf('draft')).toBeUndefined()
  })

  it('put messages of paths without a field in the alert, under the error message', () => {
    const split = splitKeyServerError(
      error({
        code: 'CONFLICT',
        message: 'The server refused the key.',
        fields: { 'draft.name': 'Name taken.', accountId: 'Wallet is locked.' },
      }),
    )
    expect(split).toEqual({
      fields: { name: 'Name taken.' },
      alert: ['The server refused the key.', 'Wallet is locked.'],
    })
  })

  it('keep the first message per field', () => {
    const split = splitKeyServerError(
      error({
        message: 'x',
        fields: { 'permissions.cards': 'Cards: too much.', 'permissions.payouts': 'Payouts: too much.' },
      }),
    )
    expect(split.fields).toEqual({ permissions: 'Cards: too much.' })
  })

  it('drop a message that only repeats the fields, or that a field already says', () => {
    const repeated = splitKeyServerError(
      error({ message: 'name: Name taken. notes: Too long.', fields: { name: 'Name taken.', notes: 'Too long.' } }),
    )
    expect(repeated.alert).toEqual([])
    const same = splitKeyServerError(
      error({ code: 'CONFLICT', message: 'Name taken.', fields: { name: 'Name taken.' } }),
    )
    expect(same.alert).toEqual([])
    // Not a validation error: the message is news even if it mentions the field's words.
    const other = splitKeyServerError(
      error({ code: 'CONFLICT', message: 'Refused: Name taken.', fields: { name: 'Name taken.' } }),
    )
    expect(other.alert).toEqual(['Refused: Name taken.'])
  })

  it('show a plain failure in the alert alone', () => {
    expect(splitKeyServerError(error({ code: 'TIMEOUT', message: 'The server did not answer.' }))).toEqual({
      fields: {},
      alert: ['The server did not answer.'],
    })
  })
})

describe('server errors on the profile form', () => {
  it('land on the fields the form has, by their full path', () => {
    const split = splitServerError(
      error({
        message: 'The issuer could not be used: 404',
        fields: { 'auth.issuer': 'Discovery failed at https://id.example.' },
      }),
      profileFieldOf,
    )
    expect(split).toEqual({
      fields: { 'auth.issuer': 'Discovery failed at https://id.example.' },
      alert: ['The issuer could not be used: 404'],
    })
    expect(profileFieldOf('auth')).toBeUndefined()
    expect(profileFieldOf('apiSecret')).toBe('apiSecret')
  })
})
