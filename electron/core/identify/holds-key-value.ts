import { compileRecognizers, findInText } from './find-candidates'
import { allRecognizers } from './recognizers'

/**
 * Whether text holds a value in one of the dialects' key shapes (checksum included where they have
 * one): what must not be kept where key data never goes (a remembered table filter, say).
 */
export function holdsKeyValue(): (text: string) => boolean {
  const compiled = compileRecognizers(allRecognizers())
  return (text) => text !== '' && findInText(text, compiled).some((find) => find.publicId === null)
}
