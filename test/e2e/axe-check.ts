import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

/** Serious or critical axe violations on the whole page, as "rule: selector" lines (empty when none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`))
}
