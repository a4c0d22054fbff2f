/** ตรวจรายงาน: the progress reports awaiting review, of the projects the officer may review, with links to their projects. */
import { Link } from 'wouter';
import type { ReviewQueue } from '../../../src/features/progress-reports/report.schema.ts';
import { useFmt, useT } from '../prefs.tsx';
import { useApi } from '../useApi.ts';

export default function ReviewPage() {
  const t = useT();
  const fmt = useFmt();
  const queue = useApi<ReviewQueue>('/progress-reports', { status: 'submitted' });
  const items = queue.data?.items ?? [];
  return (
    <div className="review-page">
      <h1>{t('reviewTitle')}</h1>
      <p className="subtitle">{t('reviewIntro')}</p>
      {queue.error && <p className="error">{queue.error.message}</p>}
      {queue.data && items.length === 0 && <p data-testid="review-empty">{t('noReportsToReview')}</p>}
      {items.length > 0 && (
        <table className="table" data-testid="review-queue">
          <thead>
            <tr>
              <th>{t('code')}</th>
              <th>{t('name')}</th>
              <th>{t('reportMonth')}</th>
              <th className="num">{t('physicalPercent')}</th>
              <th>{t('submittedBy')}</th>
              <th>{t('submittedAt')}</th>
              <th className="num">{t('fileCount')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={`${i.project}/${i.month}`} data-testid={`review-${i.project}-${i.month}`}>
                <td>
                  <Link href={`/projects/${encodeURIComponent(i.project)}`}>{fmt.digits(i.project)}</Link>
                </td>
                <td>{fmt.digits(i.nameTh)}</td>
                <td>{fmt.monthYear(i.month)}</td>
                <td className="num">{fmt.percent(i.percent)}</td>
                <td>{i.submittedBy}</td>
                <td>{i.submittedAt ? fmt.dateTime(i.submittedAt) : '–'}</td>
                <td className="num">{fmt.int(i.fileCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
