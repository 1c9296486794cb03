// `npx tsx bench/chromium-only.ts`: only the Chromium comparison of key-table-bench.ts (BENCH_SEED_KEYS keys).
import { chromiumTableBench, printChromiumTable } from './chromium/table-chromium-bench'

printChromiumTable(await chromiumTableBench(Number(process.env.BENCH_SEED_KEYS ?? 100_000)))
