import { z } from 'zod'
import { callNames, eventNames } from '@shared/contract'
import { errorCodes } from '@shared/domain/errors'

/**
 * The messages between the browser host and its page, in both directions. The call and event names
 * come from the contract; the host validates what the page sends and the page what the host sends.
 * Imported by both sides (Node and the browser): zod and the contract only.
 */

export const SOCKET_PATH = '__keywarden/socket'
/** Where the renderer build puts the page side of the bridge (an extra entry of the renderer build). */
export const BRIDGE_FILE = 'host/bridge.js'

const requestId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
const clipboardOp = z.enum(['write', 'read', 'clear'])
const notificationId = z.uuid()
const notificationResult = z.enum(['shown', 'denied', 'unsupported'])
const errorData = z
  .object({ code: z.enum(errorCodes), message: z.string(), fields: z.record(z.string(), z.string()).optional() })
  .strict()

/** Page → host: a contract call, or the answer to a clipboard, notification or download request. */
export const pageMessageSchema = z.union([
  // `input` is absent for calls that take none (JSON drops undefined); the contract's schema judges it.
  z.object({ id: requestId, call: z.enum(callNames), input: z.unknown().optional() }).strict(),
  z
    .object({
      clipboardReply: z
        .object({
          requestId,
          text: z
            .string()
            .max(1024 * 1024)
            .optional(),
          error: z.string().max(2000).optional(),
        })
        .strict()
        .refine(
          (reply) => reply.text === undefined || reply.error === undefined,
          'a clipboard reply has a text or an error, not both',
        ),
    })
    .strict(),
  // The page's Web Notification API: how showing a reminder went, and a click on one.
  z.object({ notificationReply: z.object({ id: notificationId, result: notificationResult }).strict() }).strict(),
  z.object({ notificationClick: z.object({ id: notificationId }).strict() }).strict(),
  // Whether the page is visible and focused (quiet reminders wait while no page is in front).
  z.object({ pageInFront: z.boolean() }).strict(),
  // Whether the page saved a file the host sent it (`download`).
  z
    .object({
      downloadReply: z.object({ requestId, saved: z.boolean(), error: z.string().max(2000).optional() }).strict(),
    })
    .strict(),
])
export type PageMessage = z.infer<typeof pageMessageSchema>

/** Host → page: the result of a call, a contract event, a link to open, clipboard work, or a file to save. */
export const hostMessageSchema = z.union([
  z
    .object({
      id: requestId,
      result: z.union([
        z.object({ ok: z.literal(true), value: z.unknown().optional() }).strict(),
        z.object({ ok: z.literal(false), error: errorData }).strict(),
      ]),
    })
    .strict(),
  z.object({ event: z.enum(eventNames), payload: z.unknown().optional() }).strict(),
  z.object({ openExternal: z.url({ protocol: /^https?$/ }) }).strict(),
  z.object({ clipboard: z.object({ requestId, op: clipboardOp, text: z.string().optional() }).strict() }).strict(),
  z
    .object({
      notify: z.object({ id: notificationId, title: z.string().max(500), body: z.string().max(2000) }).strict(),
    })
    .strict(),
  // A file to save as a download, in chunks (index from 0; `last` ends it), to the page that asked.
  z
    .object({
      download: z
        .object({
          requestId,
          name: z
            .string()
            .min(1)
            .max(255)
            .regex(/^[^/\\]+$/, 'a bare file name'),
          type: z.string().max(100),
          index: z.number().int().min(0),
          last: z.boolean(),
          chunk: z.string(),
        })
        .strict(),
    })
    .strict(),
])
export type HostMessage = z.infer<typeof hostMessageSchema>
export type ClipboardOp = z.infer<typeof clipboardOp>

/** Parses one frame's text; the error says what was wrong, for the log, never the frame itself. */
export function parseFrame<T>(
  schema: z.ZodType<T>,
  text: string,
): { ok: true; message: T } | { ok: false; reason: string } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'not JSON' }
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) return { ok: false, reason: `not a bridge message (${parsed.error.issues.length} problem(s))` }
  return { ok: true, message: parsed.data }
}
