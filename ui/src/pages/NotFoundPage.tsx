import { Link } from '../components/Link.tsx';
import { Empty } from '../components/States.tsx';

export function NotFoundPage() {
  return (
    <Empty title="There is no such page" testId="not-found">
      <Link href="/approvals">Go to the approvals</Link>
    </Empty>
  );
}
