import { AppError } from '../errors'

/**
 * Runs a call and, when the server names a bad field in its own words (`scopes`, `roles`, `status`),
 * renames it to the model's (`permissions`, `enabled`) so a form can mark the field the user sees.
 * The code and the server's message are kept as they are.
 */
export async function inModelTerms<T>(
  wireToModel: Readonly<Record<string, string>>,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (!(error instanceof AppError) || !error.fields) throw error
    const fields = Object.fromEntries(
      Object.entries(error.fields).map(([field, message]) => [renamed(field, wireToModel), message]),
    )
    throw new AppError(error.code, error.message, fields, { cause: error.cause })
  }
}

/** Renames a path's first segment: `roles.cards` → `permissions.cards`. */
function renamed(path: string, wireToModel: Readonly<Record<string, string>>): string {
  const [head = '', ...rest] = path.split('.')
  return [wireToModel[head] ?? head, ...rest].join('.')
}
