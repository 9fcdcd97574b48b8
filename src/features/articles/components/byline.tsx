import { Link } from 'react-router'
import { paths } from '@/config/paths'
import type { Summary } from '../api/schemas'
import { BY } from '@/i18n'

export function Byline({ author }: { author: Summary['author'] }) {
  return (
    <span>
      {BY}{' '}
      <Link to={paths.author(author.slug)} className="font-medium hover:underline">
        {/* Isolated: a right-to-left name cannot reorder the text around it. */}
        <bdi>{author.name}</bdi>
      </Link>
    </span>
  )
}
