/**
 * Pieces shared by the visit, event and calendar pages: the owner and fiscal year read from the URL,
 * dates with their weekday (derived through Intl, never typed), the owner's provinces as checkboxes.
 */
import { useId, useMemo } from 'react';
import { useSearch } from 'wouter';
import { fiscalYearEnd, fiscalYearOf, isIsoDate, todayIso } from '../../../src/core/dates.ts';
import type { Format } from '../format.ts';
import { usePrefs, useFmt } from '../prefs.tsx';
import { useReference } from '../reference.ts';
import { SEED_VIEW } from '../defaults.ts';

/** The owner, fiscal year and a date named by the URL (?owner=&fy=&month=), the seed's view otherwise. */
export function useOwnerView(): { owner: string; fy: number; month: string | null; params: URLSearchParams } {
  const search = useSearch();
  const s = new URLSearchParams(search);
  const fy = Number(s.get('fy'));
  const month = s.get('month');
  return {
    owner: s.get('owner') || SEED_VIEW.owner,
    fy: Number.isInteger(fy) && fy > 2400 ? fy : SEED_VIEW.fy,
    month: month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : null,
    params: s,
  };
}

/** "วันพฤหัสบดีที่ 14 มกราคม 2559" / "Thursday 14 January 2559 BE": the weekday through Intl from the date itself. */
export function dateWithWeekday(fmt: Format, iso: string, lang: 'th' | 'en'): string {
  const weekday = new Intl.DateTimeFormat(fmt.locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  return lang === 'th' ? `${weekday}ที่ ${fmt.date(iso)}` : `${weekday} ${fmt.date(iso)}`;
}

/** A range of dates with their weekdays: one date when both ends are the same day. */
export function DateRange({ from, to, testId }: { from: string; to: string; testId?: string }) {
  const fmt = useFmt();
  const { lang } = usePrefs();
  return (
    <span data-testid={testId}>
      {dateWithWeekday(fmt, from, lang)}
      {to !== from && ` – ${dateWithWeekday(fmt, to, lang)}`}
    </span>
  );
}

/** A valid ISO date or ''. */
export const isoOrEmpty = (s: string | null) => (s && isIsoDate(s) ? s : '');

/** The provinces an owner may name in a fiscal year: its own, or the cluster's members at the year's end. */
export function useOwnerProvinces(owner: string, fy: number) {
  const ref = useReference(fiscalYearEnd(fy));
  const { lang } = usePrefs();
  const fmt = useFmt();
  return useMemo(() => {
    if (!ref) return [];
    const cluster = ref.clusters.find((c) => c.code === owner);
    const codes = cluster ? cluster.provinceCodes : [owner];
    return ref.provinces.filter((p) => codes.includes(p.code)).map((p) => ({ code: p.code, name: fmt.digits(lang === 'th' ? p.nameTh : p.nameEn) }));
  }, [ref, owner, lang, fmt]);
}

/** The owner's provinces as checkboxes, in the order picked (the order the report names them). */
export function ProvinceChecklist({
  owner,
  fy,
  value,
  onChange,
  label,
  error,
}: {
  owner: string;
  fy: number;
  value: string[];
  onChange(codes: string[]): void;
  label: string;
  error?: string | undefined;
}) {
  const provinces = useOwnerProvinces(owner, fy);
  const id = useId();
  return (
    <fieldset className="group" aria-labelledby={id} data-testid="province-checklist">
      <legend id={id}>{label}</legend>
      {provinces.map((p) => (
        <label key={p.code} className="check">
          <input
            type="checkbox"
            name="provinces"
            value={p.code}
            checked={value.includes(p.code)}
            onChange={(e) => onChange(e.target.checked ? [...value, p.code] : value.filter((c) => c !== p.code))}
          />
          {p.name}
        </label>
      ))}
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </fieldset>
  );
}

/** An owner code as a reference: a province is two digits (or TH-nn), anything else a cluster. */
export function ownerRef(owner: string): { kind: 'cluster' | 'province'; code: string } {
  return /^(TH-)?\d{2}$/i.test(owner) ? { kind: 'province', code: owner.slice(-2) } : { kind: 'cluster', code: owner };
}

/** Today's date and fiscal year (for defaults of new records). */
export function today(): { iso: string; fy: number } {
  const iso = todayIso();
  return { iso, fy: fiscalYearOf(iso) };
}

/** A labelled select (label above, as .field lays out TextField). */
export function SelectField({
  label,
  name,
  value,
  onChange,
  options,
}: {
  label: string;
  name: string;
  value: string;
  onChange(v: string): void;
  options: { value: string; label: string }[];
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
