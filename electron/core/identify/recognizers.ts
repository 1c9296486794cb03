import type { KeyRecognizer } from '@shared/domain/recognizer'
import { allDialects } from '../dialects/registry'

/** The recognizers every dialect declares. */
export const allRecognizers = (): KeyRecognizer[] =>
  allDialects().flatMap((module) => (module.recognizer ? [module.recognizer] : []))
