import { DAY_MS, lastUseBuckets, lastUseLabels, type AttentionSummary } from '@shared/domain/attention'
import { BarChart, type ChartBar } from './BarChart'
import type { AttentionFilter } from '@shared/domain/attention'

const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' })
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

export interface OverviewChartsProps {
  summary: AttentionSummary
  at: number
  onOpen: (filter: AttentionFilter) => void
}

/** The expiries per week (26 weeks) and the keys by last use, each bar a link to its keys. */
export function OverviewCharts({ summary, at, onOpen }: OverviewChartsProps) {
  const weeks: ChartBar[] = summary.expiriesPerWeek.map((value, week) => {
    const from = at + week * 7 * DAY_MS
    return {
      id: `week-${week}`,
      axisLabel: week % 4 === 0 ? shortDate.format(from) : '',
      label: `Expiring in the week from ${isoDay(from)}`,
      value,
      onOpen: () => onOpen({ kind: 'expiry-week', week }),
    }
  })
  const lastUse: ChartBar[] = lastUseBuckets.map((bucket) => ({
    id: bucket,
    axisLabel: lastUseLabels[bucket].replace(' days ago', ' d').replace('More than', '>').replace('Less than', '<'),
    label: `Last used: ${lastUseLabels[bucket]}`,
    value: summary.lastUse[bucket],
    onOpen: () => onOpen({ kind: 'last-use', bucket }),
  }))
  return (
    <div className="overview__charts">
      <BarChart title="Expiries per week, next 26 weeks" bars={weeks} labelHeading="Week" />
      <BarChart title="Keys by last use" bars={lastUse} labelHeading="Last used" />
    </div>
  )
}
