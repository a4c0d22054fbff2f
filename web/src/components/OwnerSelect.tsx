/** Choose an owner: one of the clusters, or a province. */
import { useId } from 'react';
import { usePrefs, useFmt, useT } from '../prefs.tsx';
import { useReference } from '../reference.ts';

interface Props {
  value: string;
  onChange(owner: string): void;
  date: string;
  /** Offer "all owners" (the empty value). */
  allowAll?: boolean;
  label?: string;
}

export function OwnerSelect({ value, onChange, date, allowAll, label }: Props) {
  const t = useT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const ref = useReference(date);
  const id = useId();
  const name = (o: { nameTh: string; nameEn: string }) => fmt.digits(lang === 'th' ? o.nameTh : o.nameEn);
  const provinces = [...(ref?.provinces ?? [])].sort((a, b) => name(a).localeCompare(name(b), lang));
  return (
    <div className="field">
      <label htmlFor={id}>{label ?? t('owner')}</label>
      <select id={id} name="owner" value={value} onChange={(e) => onChange(e.target.value)}>
        {allowAll && <option value="">{t('allOwners')}</option>}
        {!ref && value && <option value={value}>{value}</option>}
        <optgroup label={t('clusters')}>
          {ref?.clusters.map((c) => (
            <option key={c.code} value={c.code}>
              {name(c)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('provinces')}>
          {provinces.map((p) => (
            <option key={p.code} value={p.code}>
              {name(p)}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}
