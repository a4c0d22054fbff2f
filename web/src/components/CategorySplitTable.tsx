/** The dashboard's figures split by budget category (operating, investment, other), with the totals they add up to. */
import type { Dashboard } from '../api.ts';
import type { MessageKey } from '../i18n.ts';
import { useFmt, useT } from '../prefs.tsx';
import './dashboard-progress.css';

type Report = Dashboard['disbursement'];

const LABEL: Record<Report['byCategory'][number]['category'], MessageKey> = {
  operating: 'catOperating',
  investment: 'catInvestment',
  other: 'catOther',
};

export function CategorySplitTable({ report }: { report: Report }) {
  const t = useT();
  const fmt = useFmt();
  return (
    <section className="panel" aria-label={t('byCategory')}>
      <h2>{t('byCategory')}</h2>
      <table className="table category-split" data-testid="category-split">
        <thead>
          <tr>
            <th>{t('budgetCategory')}</th>
            <th className="num">{`${t('allocated')} (${t('baht')})`}</th>
            <th className="num">{`${t('disbursed')} (${t('baht')})`}</th>
            <th className="num">{t('percent')}</th>
          </tr>
        </thead>
        <tbody>
          {report.byCategory.map((c) => (
            <tr key={c.category} data-testid={`category-${c.category}`}>
              <td>{t(LABEL[c.category])}</td>
              <td className="num" data-testid={`category-${c.category}-allocated`}>
                {fmt.money(c.allocated)}
              </td>
              <td className="num" data-testid={`category-${c.category}-disbursed`}>
                {fmt.money(c.disbursed)}
              </td>
              <td className="num" data-testid={`category-${c.category}-percent`}>
                {fmt.percent(c.disbursedPercent)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="category-total">
            <td>{t('total')}</td>
            <td className="num">{fmt.money(report.allocated)}</td>
            <td className="num">{fmt.money(report.disbursed)}</td>
            <td className="num">{fmt.percent(report.disbursedPercent)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
