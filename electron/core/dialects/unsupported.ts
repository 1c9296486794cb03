import { AppError } from '../errors'

/**
 * For a call the dialect's capabilities rule out (reveal on wallet or pulse). The UI asks the
 * capabilities first, so reaching this is a bug on our side, not something the user did.
 */
export function unsupported(what: string, dialect: string): AppError {
  return new AppError('INTERNAL', `${what} is not supported by ${dialect} APIs.`)
}
