import { measureScale } from '../scale.ts'
import { scaleNote, scaleTable } from '../scale-table.ts'
import type { Step } from './step.ts'

/** The API build of each generated newsroom, and what a reader's views of it transfer (issue 4). */
export const scaleStep: Step = {
  title: 'Generated newsrooms',
  wanted: (options) => options.withScale,
  async run({ newsrooms, options: { counts, runs }, report, log }) {
    log(`generated newsrooms of ${counts.join(', ')} stories, ${runs} runs`)
    // The bench's own folder (generated corpora are reused from run to run), apart from the one scale.ts
    // uses when run alone, so the two never build into each other's output.
    const rows = await measureScale(counts, { runs, log, dir: newsrooms })
    report.record('scale', rows)
    report.print('Generated newsrooms', scaleNote(runs), scaleTable(rows))
  },
}
