/** Record a disbursement: validated with the API's own schema, and the API's refusal shown next to the field. */
import { useState } from 'react';
import { DisbursementInput } from '../../../src/features/budget/ledger.schema.ts';
import { formatAmount } from '../../../src/core/money.ts';
import { todayIso } from '../../../src/core/dates.ts';
import { api } from '../api.ts';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../formErrors.ts';
import { useT } from '../prefs.tsx';
import { BeDatePicker } from './BeDatePicker.tsx';
import { TextField } from './TextField.tsx';

const FIELDS = ['date', 'amount', 'ref', 'note'] as const;

export function DisbursementForm({ code, onRecorded }: { code: string; onRecorded(): void }) {
  const t = useT();
  const [date, setDate] = useState(todayIso());
  const [amount, setAmount] = useState('');
  const [ref, setRef] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setDone(null);
    const parsed = DisbursementInput.safeParse({ date, amount, ref, note: note.trim() || undefined });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const body = { ...parsed.data, amount: formatAmount(parsed.data.amount) };
      const res = await api.post<{ outcome: 'added' | 'unchanged' }>(`/projects/${encodeURIComponent(code)}/disbursements`, body);
      setDone(res.outcome === 'added' ? t('recorded') : t('unchanged'));
      setAmount('');
      setRef('');
      setNote('');
      onRecorded();
    } catch (e) {
      setErrors(apiFieldErrors(e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel form"
      aria-label={t('recordDisbursement')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('recordDisbursement')}</h2>
      <div className="form-row">
        <BeDatePicker label={t('date')} name="date" value={date} onChange={setDate} error={errors.date} />
        <TextField label={t('amount')} name="amount" inputMode="decimal" value={amount} onChange={setAmount} error={errors.amount} />
        <TextField label={t('ref')} name="ref" value={ref} onChange={setRef} error={errors.ref} />
      </div>
      <TextField label={t('note')} name="note" value={note} onChange={setNote} error={errors.note} multiline />
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('save')}
      </button>
      {done && (
        <span className="ok" role="status">
          {done}
        </span>
      )}
    </form>
  );
}
