/** Choose a B.E. fiscal year, from 2555 to the one after the current. */
import { useId } from 'react';
import { fiscalYearOf, todayIso } from '../../../src/core/dates.ts';
import { useFmt, useT } from '../prefs.tsx';

export const FIRST_FISCAL_YEAR = 2555;

export function fiscalYears(): number[] {
  const last = fiscalYearOf(todayIso()) + 1;
  return Array.from({ length: last - FIRST_FISCAL_YEAR + 1 }, (_, i) => last - i);
}

interface Props {
  value: number | null;
  onChange(fy: number | null): void;
  allowAll?: boolean;
}

export function FiscalYearSelect({ value, onChange, allowAll }: Props) {
  const t = useT();
  const fmt = useFmt();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('fiscalYear')}</label>
      <select id={id} name="fiscalYear" value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        {allowAll && <option value="">{t('allYears')}</option>}
        {fiscalYears().map((fy) => (
          <option key={fy} value={fy}>
            {fmt.int(fy)}
          </option>
        ))}
      </select>
    </div>
  );
}
