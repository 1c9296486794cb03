import { connect } from 'node:net'

/**
 * Whether a TCP connection to host:port is accepted. 'closed' covers a refused connection and an
 * address this machine does not have (e.g. no IPv6 loopback, or only 127.0.0.1 configured).
 */
export function probe(host: string, port: number): Promise<'open' | 'closed'> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port })
    socket.setTimeout(5_000, () => {
      socket.destroy()
      resolve('closed')
    })
    socket.once('connect', () => {
      socket.destroy()
      resolve('open')
    })
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (['ECONNREFUSED', 'EADDRNOTAVAIL', 'ENETUNREACH', 'EHOSTUNREACH', 'EAFNOSUPPORT'].includes(error.code ?? ''))
        resolve('closed')
      else reject(error)
    })
  })
}
