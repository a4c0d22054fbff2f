/** Monitoring visits of an owner in a fiscal year (GET /monitoring/visits), and the form to plan one (officers of the owner). */
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { z } from 'zod';
import { fiscalYearEnd } from '../../../src/core/dates.ts';
import { VisitInput, type Visit, type VisitSummary } from '../../../src/features/monitoring/monitoring.schema.ts';
import type { ProjectList } from '../api.ts';
import { api, query } from '../api.ts';
import { BeDatePicker } from '../components/BeDatePicker.tsx';
import { FiscalYearSelect } from '../components/FiscalYearSelect.tsx';
import { OwnerSelect } from '../components/OwnerSelect.tsx';
import { TextField } from '../components/TextField.tsx';
import { DateRange, ownerRef, ProvinceChecklist, useOwnerView } from '../components/monitoring-common.tsx';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../formErrors.ts';
import { useMT } from '../monitoring-i18n.ts';
import { useOwnerRights } from '../permissions.ts';
import { useFmt } from '../prefs.tsx';
import { useSession } from '../session.tsx';
import { useApi } from '../useApi.ts';

export default function VisitListPage() {
  const mt = useMT();
  const fmt = useFmt();
  const { me } = useSession();
  const [, navigate] = useLocation();
  const { owner, fy } = useOwnerView();
  const list = useApi<VisitSummary[]>('/monitoring/visits', { owner, fiscalYear: fy });
  const rights = useOwnerRights(me, ownerRef(owner), fy);
  const [planning, setPlanning] = useState(false);
  const go = (next: { owner?: string; fy?: number }) =>
    navigate(`/visits${query({ owner: next.owner ?? owner, fy: next.fy ?? fy })}`, { replace: true });

  return (
    <div className="visits">
      <h1>{mt('visits')}</h1>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <OwnerSelect value={owner} date={fiscalYearEnd(fy)} onChange={(o) => go({ owner: o })} />
        <FiscalYearSelect value={fy} onChange={(v) => v && go({ fy: v })} />
      </form>
      {list.error && <p className="error">{list.error.message}</p>}
      {list.data && list.data.length === 0 && <p data-testid="no-visits">{mt('noVisits')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="table" data-testid="visit-list">
          <thead>
            <tr>
              <th>{mt('dates')}</th>
              <th>{mt('committee')}</th>
              <th>{mt('provinces')}</th>
              <th>{mt('projectsToVisit')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((v) => (
              <tr key={v.id} data-testid={`visit-${v.id}`}>
                <td>
                  <Link href={`/visits/${v.id}`}>
                    <DateRange from={v.startDate} to={v.endDate} />
                  </Link>
                </td>
                <td>
                  <Link href={`/visits/${v.id}`}>{fmt.digits(v.title || v.committee)}</Link>
                  {v.title && <div className="muted">{fmt.digits(v.committee)}</div>}
                </td>
                <td>{v.provinces.map((p) => p.nameTh).join(', ')}</td>
                <td>{mt('visitedCount', { n: fmt.int(v.visitedCount), of: fmt.int(v.projectCount) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rights?.plan && !planning && (
        <p>
          <button type="button" onClick={() => setPlanning(true)} data-testid="plan-visit">
            {mt('planVisit')}
          </button>
        </p>
      )}
      {rights?.plan && planning && (
        <PlanVisitForm owner={owner} fy={fy} onCancel={() => setPlanning(false)} onSaved={(v) => navigate(`/visits/${v.id}`)} />
      )}
    </div>
  );
}

const FIELDS = ['committee', 'title', 'startDate', 'endDate', 'provinces', 'projects'] as const;

function PlanVisitForm({ owner, fy, onCancel, onSaved }: { owner: string; fy: number; onCancel(): void; onSaved(v: Visit): void }) {
  const mt = useMT();
  const fmt = useFmt();
  const [committee, setCommittee] = useState('');
  const [title, setTitle] = useState('');
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [provinces, setProvinces] = useState<string[]>([]);
  const [projects, setProjects] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const candidates = useApi<ProjectList>('/projects', { owner, fiscalYear: fy, limit: 1000 });

  async function submit() {
    const input: z.input<typeof VisitInput> = { owner, fiscalYear: fy, committee, title, startDate, endDate, provinces, projects };
    const parsed = VisitInput.safeParse(input);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setBusy(true);
    try {
      onSaved(await api.post<Visit>('/monitoring/visits', input));
    } catch (e) {
      setErrors(apiFieldErrors(e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel form"
      aria-label={mt('planVisit')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{mt('planVisit')}</h2>
      <TextField label={mt('committee')} name="committee" value={committee} onChange={setCommittee} error={errors.committee} />
      <TextField label={mt('title')} name="title" value={title} onChange={setTitle} error={errors.title} />
      <div className="form-row">
        <BeDatePicker label={mt('startDate')} name="startDate" value={startDate} onChange={setStartDate} error={errors.startDate} />
        <BeDatePicker label={mt('endDate')} name="endDate" value={endDate} onChange={setEndDate} error={errors.endDate} />
      </div>
      <ProvinceChecklist owner={owner} fy={fy} value={provinces} onChange={setProvinces} label={mt('provinces')} error={errors.provinces} />
      <fieldset className="group">
        <legend>{mt('projectsToVisit')}</legend>
        {candidates.data?.items.map((p) => (
          <label key={p.code} className="check">
            <input
              type="checkbox"
              name="projects"
              value={p.code}
              checked={projects.includes(p.code)}
              onChange={(e) => setProjects(e.target.checked ? [...projects, p.code] : projects.filter((c) => c !== p.code))}
            />
            {p.code} {fmt.digits(p.nameTh)}
          </label>
        ))}
        {errors.projects && (
          <div className="field-error" role="alert">
            {errors.projects}
          </div>
        )}
      </fieldset>
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {mt('save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {mt('cancel')}
        </button>
      </div>
    </form>
  );
}
