import { Component, type ReactNode } from 'react'
import { ApiError } from '@/lib/api-error'
import { ErrorPanel } from './error-panel'
import { PAGE_FAILED } from '@/i18n'

interface PartBoundaryProps {
  /** What failed, the panel's title. */
  title: string
  /** Called on Retry before the part renders again: a lazy part loads its code afresh (retryableLazy). */
  onRetry?: () => void
  /** A new value (another story) renders the part again after a failure, as a Retry does. */
  resetKey?: unknown
  /** Places the error panel where the part would have been. */
  className?: string
  children: ReactNode
}

interface PartBoundaryState {
  error: unknown
  failed: boolean
}

/**
 * The error boundary of one independent part of a page (a box below a story): anything that fails inside
 * it, its code failing to load or a crash while rendering, shows a small error panel with Retry in its
 * place, and the rest of the page stays. Without it, the failure reaches the route's boundary and takes the
 * whole page down. A class, as React offers error boundaries only as classes; a library for these few
 * lines would add to every story's first route.
 */
export class PartBoundary extends Component<PartBoundaryProps, PartBoundaryState> {
  override state: PartBoundaryState = { error: null, failed: false }

  static getDerivedStateFromError(error: unknown): PartBoundaryState {
    return { error, failed: true }
  }

  override componentDidUpdate(previous: PartBoundaryProps) {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.retry()
  }

  retry = () => {
    this.props.onRetry?.()
    this.setState({ error: null, failed: false })
  }

  override render() {
    const { error, failed } = this.state
    if (!failed) return this.props.children
    return (
      <div className={this.props.className}>
        <ErrorPanel
          title={this.props.title}
          message={error instanceof ApiError ? error.message : PAGE_FAILED}
          onRetry={this.retry}
          compact
        />
      </div>
    )
  }
}
