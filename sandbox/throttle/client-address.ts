import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'

/**
 * The address a throttle counts failures against. The sandbox listens on loopback only, and any
 * local process can pick any source address in 127.0.0.0/8, so every loopback source is one
 * address: switching from 127.0.0.1 to 127.0.0.2 does not buy a fresh budget.
 */
export function clientAddressOf(req: IncomingMessage): string {
  const raw = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/i, '')
  if (raw === '::1' || (isIP(raw) === 4 && raw.startsWith('127.'))) return 'loopback'
  return raw
}
