/** A grey block that holds a place in the layout while content loads. */
export function Skeleton({ className = '' }: { className?: string }) {
  return (
    <div
      aria-hidden="true"
      className={`animate-pulse rounded bg-stone-200 motion-reduce:animate-none dark:bg-stone-800 ${className}`}
    />
  )
}
