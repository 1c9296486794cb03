import type { SignedInUser } from '@shared/domain/session'

/** "Ada Admin (admin)": the display name, and the account id where the name does not already say it. */
export function accountLabel(user: SignedInUser): string {
  return user.name === user.subject || user.name.includes(user.subject) ? user.name : `${user.name} (${user.subject})`
}
