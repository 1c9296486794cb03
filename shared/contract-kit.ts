import { z } from 'zod'

/** A call: its input schema, and its result type carried as a phantom. */
export interface CallSpec<Input extends z.ZodType, Output> {
  input: Input
  /** Never read at run time; only carries the result type. */
  readonly output?: Output
}

/** Declares a call: `call<Output>()(inputSchema)`. */
export function call<Output>() {
  return <Input extends z.ZodType>(input: Input): CallSpec<Input, Output> => ({ input })
}

/** Declares an event's payload type: `event<Payload>()`. */
export const event = <Payload>(): Payload => ({}) as Payload

export const noInput = z.undefined()
export const profileRef = z.object({ profileId: z.string().min(1) }).strict()
export const keyRef = z.object({ keyId: z.string().min(1).max(200) }).strict()
