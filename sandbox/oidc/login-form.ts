import type { IncomingMessage } from 'node:http'
import { readBody } from '../http'

/** The login form is two short fields; anything bigger is refused (413) as soon as it passes this. */
export const LOGIN_FORM_LIMIT_BYTES = 16 * 1024

export async function readLoginForm(req: IncomingMessage): Promise<{ username: string; password: string }> {
  const body = await readBody(req, LOGIN_FORM_LIMIT_BYTES)
  const form = new URLSearchParams(body.toString('utf8'))
  return { username: (form.get('username') ?? '').trim(), password: form.get('password') ?? '' }
}
