import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { aliases } from './aliases.config'

export default defineConfig({
  main: {
    resolve: { alias: aliases },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The folder scan's worker thread is its own entry: the core starts out/main/scan-worker.js.
        input: {
          index: resolve('electron/main/index.ts'),
          'scan-worker': resolve('electron/core/scan/scan-worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: aliases },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require node_modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    resolve: { alias: aliases },
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: {
        // The browser host's page bridge is built here too, so it shares the renderer's chunks; only
        // the host injects it (into the index page it serves), the Electron app never loads it.
        input: { index: resolve('renderer/index.html'), 'host-bridge': resolve('browser-host/page/bridge.ts') },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'host-bridge' ? 'host/bridge.js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  },
})
