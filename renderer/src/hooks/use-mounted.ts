import { useEffect, useRef } from 'react'

/** False once the component is gone, so an answer that arrives after a dialog closed is dropped. */
export function useMounted(): { readonly current: boolean } {
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])
  return mounted
}
