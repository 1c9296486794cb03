import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import { useId, type MouseEvent } from 'react'

export interface ChartBar {
  id: string
  /** Under the bar (may be empty to thin out crowded axes). */
  axisLabel: string
  /** The whole description, for the link's name and the text alternative: "Week from 2026-12-07". */
  label: string
  value: number
  onOpen: () => void
}

export interface BarChartProps {
  title: string
  bars: readonly ChartBar[]
  /** Column heading of the text alternative's first column. */
  labelHeading: string
}

const WIDTH = 640
const HEIGHT = 200
const margin = { top: 16, right: 8, bottom: 28, left: 32 }

const keys = (n: number) => `${n} ${n === 1 ? 'key' : 'keys'}`

/**
 * A bar chart in SVG (visx): every bar is a focusable link that opens the table filtered to its keys,
 * colours come from the theme's CSS variables (dark mode follows), and a visually hidden table gives
 * the same figures as text.
 */
export function BarChart({ title, bars, labelHeading }: BarChartProps) {
  const captionId = useId()
  const innerWidth = WIDTH - margin.left - margin.right
  const innerHeight = HEIGHT - margin.top - margin.bottom
  const x = scaleBand<string>({ domain: bars.map((bar) => bar.id), range: [0, innerWidth], padding: 0.2 })
  const max = Math.max(1, ...bars.map((bar) => bar.value))
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true })
  const ticks = y.ticks(Math.min(4, max)).filter((tick) => Number.isInteger(tick))

  const open = (bar: ChartBar) => (event: MouseEvent) => {
    event.preventDefault()
    bar.onOpen()
  }

  return (
    <figure className="chart">
      <figcaption id={captionId} className="chart__title">
        {title}
      </figcaption>
      <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-labelledby={captionId}>
        <Group left={margin.left} top={margin.top}>
          {ticks.map((tick) => (
            <g key={tick} aria-hidden="true">
              <line className="chart__grid" x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} />
              <text className="chart__tick" x={-6} y={y(tick)} dy="0.32em" textAnchor="end">
                {tick}
              </text>
            </g>
          ))}
          {bars.map((bar) => {
            const left = x(bar.id) ?? 0
            const top = y(bar.value)
            return (
              <a
                key={bar.id}
                href="#"
                className="chart__bar"
                aria-label={`${bar.label}: ${keys(bar.value)}`}
                onClick={open(bar)}
              >
                {/* The whole column takes the click, so a bar of 0 can still be reached. */}
                <rect className="chart__hit" x={left} y={0} width={x.bandwidth()} height={innerHeight} />
                <Bar className="chart__fill" x={left} y={top} width={x.bandwidth()} height={innerHeight - top} />
              </a>
            )
          })}
          {/* The figures and axis labels repeat the links' names for the eye; they let clicks through. */}
          <g aria-hidden="true" className="chart__labels">
            {bars.map((bar) => {
              const middle = (x(bar.id) ?? 0) + x.bandwidth() / 2
              return (
                <g key={bar.id}>
                  {bar.value > 0 ? (
                    <text className="chart__value" x={middle} y={y(bar.value) - 4} textAnchor="middle">
                      {bar.value}
                    </text>
                  ) : null}
                  <text className="chart__axis" x={middle} y={innerHeight + 16} textAnchor="middle">
                    {bar.axisLabel}
                  </text>
                </g>
              )
            })}
          </g>
        </Group>
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeading}</th>
            <th scope="col">Keys</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.id}>
              <th scope="row">{bar.label}</th>
              <td>{bar.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
