/** Create a project; validated with the API's own schema before it is sent. */
import { useState } from 'react';
import { useLocation } from 'wouter';
import { CreateProjectInput } from '../../../src/features/projects/project.schema.ts';
import { PROJECT_STATUSES } from '../../../src/features/projects/project.status.ts';
import { formatAmount } from '../../../src/core/money.ts';
import { fiscalYearOf, todayIso } from '../../../src/core/dates.ts';
import { api, type Project } from '../api.ts';
import { BeDatePicker } from '../components/BeDatePicker.tsx';
import { FiscalYearSelect } from '../components/FiscalYearSelect.tsx';
import { OwnerSelect } from '../components/OwnerSelect.tsx';
import { useStatusLabel } from '../components/StatusLabel.tsx';
import { TextField } from '../components/TextField.tsx';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../formErrors.ts';
import { useT } from '../prefs.tsx';
import { useMe } from '../session.tsx';

const FIELDS = ['code', 'fiscalYear', 'owner', 'nameTh', 'agency', 'budget', 'status', 'statusDate'] as const;

export default function NewProjectPage() {
  const t = useT();
  const statusLabel = useStatusLabel();
  const [, navigate] = useLocation();
  const me = useMe();
  // An officer creates projects of its own cluster or province: that is the first choice.
  const ownScope = (me?.role === 'cluster_officer' || me?.role === 'province_officer') && me.scope ? me.scope : null;
  const [form, setForm] = useState({
    code: '',
    fiscalYear: fiscalYearOf(todayIso()),
    owner: ownScope ?? 'upper-north-1',
    nameTh: '',
    agency: '',
    budget: '',
    status: 'proposed',
    statusDate: todayIso(),
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });

  async function submit() {
    const parsed = CreateProjectInput.safeParse({ ...form, agency: form.agency.trim() || undefined });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      const p = await api.post<Project>('/projects', { ...parsed.data, budget: formatAmount(parsed.data.budget) });
      navigate(`/projects/${encodeURIComponent(p.code)}`);
    } catch (e) {
      setErrors(apiFieldErrors(e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel form narrow"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h1>{t('navNewProject')}</h1>
      <div className="form-row">
        <TextField label={t('code')} name="code" value={form.code} onChange={(code) => set({ code })} error={errors.code} />
        <FiscalYearSelect value={form.fiscalYear} onChange={(fy) => fy && set({ fiscalYear: fy })} />
        <OwnerSelect value={form.owner} date={form.statusDate} onChange={(owner) => set({ owner })} />
      </div>
      {errors.owner && <div className="field-error">{errors.owner}</div>}
      <TextField label={t('name')} name="nameTh" value={form.nameTh} onChange={(nameTh) => set({ nameTh })} error={errors.nameTh} />
      <TextField label={t('agency')} name="agency" value={form.agency} onChange={(agency) => set({ agency })} error={errors.agency} />
      <div className="form-row">
        <TextField
          label={t('amount')}
          name="budget"
          inputMode="decimal"
          value={form.budget}
          onChange={(budget) => set({ budget })}
          error={errors.budget}
        />
        <div className="field">
          <label htmlFor="initial-status">{t('status')}</label>
          <select id="initial-status" value={form.status} onChange={(e) => set({ status: e.target.value })}>
            {PROJECT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <BeDatePicker
          label={t('date')}
          name="statusDate"
          value={form.statusDate}
          onChange={(statusDate) => set({ statusDate })}
          error={errors.statusDate}
        />
      </div>
      {errors.form && <p className="error">{errors.form}</p>}
      <button type="submit" disabled={busy}>
        {t('create')}
      </button>
    </form>
  );
}
