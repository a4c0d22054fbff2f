/**
 * Create an indicator, or edit one while its agreement is a draft: code, Thai name, unit, direction,
 * weight, baseline, data source, components with their annual targets, the indicator's annual and
 * quarterly targets, the five levels of the scale. Checked with the API's own zod schemas; targets the
 * form does not show (months, a component's quarters) are kept as they are.
 */
import { useState, type FormEvent } from 'react';
import { CreateIndicatorInput, UpdateIndicatorInput } from '../../../src/features/indicators/indicators.schema.ts';
import { api, ApiError } from '../api.ts';
import type { FieldErrors } from '../formErrors.ts';
import type { Indicator } from '../indicators.ts';
import { useT } from '../prefs.tsx';
import { TextField } from './TextField.tsx';

const QUARTERS = ['annual', 'Q1', 'Q2', 'Q3', 'Q4'] as const;
const SHOWN = ['code', 'nameTh', 'unit', 'weight', 'baseline', 'dataSource', 'targets', 'components', 'scale'];

/** Errors keyed by the first segment of their path ("scale.levels.2" → scale); those of fields not shown go to the whole form. */
function byField(issues: { field: string; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const f = i.field.replace(/^body\./, '').split('.')[0] ?? '';
    out[SHOWN.includes(f) ? f : 'form'] ??= SHOWN.includes(f) || f === 'form' ? i.message : `${i.field}: ${i.message}`;
  }
  return out;
}

interface Form {
  code: string;
  nameTh: string;
  unit: string;
  direction: 'higher' | 'lower';
  weight: string;
  baseline: string;
  dataSource: string;
  components: { key: string; nameTh: string; target: string }[];
  targets: Record<(typeof QUARTERS)[number], string>;
  levels: string[];
  below: string;
  above: string;
}

const EMPTY: Form = {
  code: '',
  nameTh: '',
  unit: '',
  direction: 'higher',
  weight: '',
  baseline: '',
  dataSource: '',
  components: [],
  targets: { annual: '', Q1: '', Q2: '', Q3: '', Q4: '' },
  levels: ['', '', '', '', ''],
  below: '0',
  above: '5',
};

function fromIndicator(i: Indicator): Form {
  const target = (component: string | null, period: string) => i.targets.find((x) => x.component === component && x.period === period)?.value ?? '';
  return {
    code: i.code,
    nameTh: i.nameTh,
    unit: i.unit,
    direction: i.direction,
    weight: i.weight,
    baseline: i.baseline ?? '',
    dataSource: i.dataSource,
    components: i.components.map((c) => ({ key: c.key, nameTh: c.nameTh, target: target(c.key, 'annual') })),
    targets: { annual: target(null, 'annual'), Q1: target(null, 'Q1'), Q2: target(null, 'Q2'), Q3: target(null, 'Q3'), Q4: target(null, 'Q4') },
    levels: [...i.scale.levels],
    below: i.scale.below,
    above: i.scale.above,
  };
}

interface Props {
  owner: string;
  fiscalYear: number;
  /** The indicator to edit; absent: a new one. */
  indicator?: Indicator;
  onDone(): void;
  onCancel(): void;
}

export function IndicatorForm({ owner, fiscalYear, indicator, onDone, onCancel }: Props) {
  const t = useT();
  const [form, setForm] = useState<Form>(() => (indicator ? fromIndicator(indicator) : EMPTY));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  function body() {
    const keys = new Set(form.components.map((c) => c.key.trim().toLowerCase()));
    // Targets the form does not show: kept (those of a component dropped go with it).
    const kept = (indicator?.targets ?? [])
      .filter((x) => (x.component === null ? !(QUARTERS as readonly string[]).includes(x.period) : x.period !== 'annual' && keys.has(x.component)))
      .map((x) => ({ ...(x.component === null ? {} : { component: x.component }), period: x.period, value: x.value }));
    const targets = [
      ...QUARTERS.filter((p) => form.targets[p].trim()).map((p) => ({ period: p, value: form.targets[p].trim() })),
      ...form.components.filter((c) => c.target.trim()).map((c) => ({ component: c.key.trim(), period: 'annual', value: c.target.trim() })),
      ...kept,
    ];
    return {
      ...(indicator ? { revision: indicator.revision } : { owner, fiscalYear, code: form.code }),
      nameTh: form.nameTh,
      unit: form.unit,
      direction: form.direction,
      weight: form.weight,
      baseline: form.baseline.trim() ? form.baseline.trim() : null,
      dataSource: form.dataSource,
      components: form.components.map((c) => ({ key: c.key, nameTh: c.nameTh })),
      scale: { levels: form.levels, below: form.below, above: form.above },
      targets,
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const b = body();
    const parsed = (indicator ? UpdateIndicatorInput : CreateIndicatorInput).safeParse(b);
    if (!parsed.success) return setErrors(byField(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }))));
    setErrors({});
    setBusy(true);
    try {
      if (indicator) await api.put(`/indicators/${indicator.id}`, b);
      else await api.post('/indicators', b);
      onDone();
    } catch (err) {
      if (!(err instanceof ApiError)) setErrors({ form: String(err) });
      else setErrors(err.issues.length ? byField(err.issues) : byField([{ field: err.field ?? 'form', message: err.message }]));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel form indicator-form"
      onSubmit={(e) => void submit(e)}
      aria-label={indicator ? t('indEdit') : t('indNew')}
      data-testid="indicator-form"
    >
      <h2>{indicator ? `${t('indEdit')} ${indicator.code}` : t('indNew')}</h2>
      <div className="grid-form">
        {!indicator && <TextField label={t('indCode')} name="code" value={form.code} onChange={(v) => set('code', v)} error={errors.code} />}
        <TextField label={t('indName')} name="nameTh" value={form.nameTh} onChange={(v) => set('nameTh', v)} error={errors.nameTh} />
        <TextField label={t('indUnit')} name="unit" value={form.unit} onChange={(v) => set('unit', v)} error={errors.unit} />
        <div className="field">
          <label htmlFor="ind-direction">{t('indDirection')}</label>
          <select id="ind-direction" name="direction" value={form.direction} onChange={(e) => set('direction', e.target.value as Form['direction'])}>
            <option value="higher">{t('indDir_higher')}</option>
            <option value="lower">{t('indDir_lower')}</option>
          </select>
        </div>
        <TextField
          label={t('indWeight')}
          name="weight"
          inputMode="decimal"
          value={form.weight}
          onChange={(v) => set('weight', v)}
          error={errors.weight}
        />
        <TextField
          label={t('indBaseline')}
          name="baseline"
          inputMode="decimal"
          value={form.baseline}
          onChange={(v) => set('baseline', v)}
          error={errors.baseline}
        />
        <TextField
          label={t('indDataSource')}
          name="dataSource"
          value={form.dataSource}
          onChange={(v) => set('dataSource', v)}
          error={errors.dataSource}
        />
      </div>

      <fieldset>
        <legend>{t('indTargets')}</legend>
        <div className="scale-row">
          {QUARTERS.map((p, i) => (
            <TextField
              key={p}
              label={p === 'annual' ? t('indAnnual') : t('quarterN', { q: String(i) })}
              name={`target-${p}`}
              inputMode="decimal"
              value={form.targets[p]}
              onChange={(v) => set('targets', { ...form.targets, [p]: v })}
            />
          ))}
        </div>
        {errors.targets && <div className="field-error">{errors.targets}</div>}
      </fieldset>

      <fieldset>
        <legend>{t('indComponents')}</legend>
        {form.components.map((c, i) => (
          <div className="inline-form" key={i} data-testid="component-row">
            <TextField
              label={t('indComponentKey')}
              name={`component-key-${i}`}
              value={c.key}
              onChange={(v) =>
                set(
                  'components',
                  form.components.map((x, j) => (j === i ? { ...x, key: v } : x)),
                )
              }
            />
            <TextField
              label={t('indComponentName')}
              name={`component-name-${i}`}
              value={c.nameTh}
              onChange={(v) =>
                set(
                  'components',
                  form.components.map((x, j) => (j === i ? { ...x, nameTh: v } : x)),
                )
              }
            />
            <TextField
              label={t('indAnnualTarget')}
              name={`component-target-${i}`}
              inputMode="decimal"
              value={c.target}
              onChange={(v) =>
                set(
                  'components',
                  form.components.map((x, j) => (j === i ? { ...x, target: v } : x)),
                )
              }
            />
            <button
              type="button"
              onClick={() =>
                set(
                  'components',
                  form.components.filter((_, j) => j !== i),
                )
              }
            >
              {t('indRemove')}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set('components', [...form.components, { key: '', nameTh: '', target: '' }])}>
          {t('indAddComponent')}
        </button>
        {errors.components && <div className="field-error">{errors.components}</div>}
      </fieldset>

      <fieldset>
        <legend>{t('indScale')}</legend>
        <div className="scale-row">
          {form.levels.map((v, i) => (
            <TextField
              key={i}
              label={t('indLevel', { n: String(i + 1) })}
              name={`level-${i + 1}`}
              inputMode="decimal"
              value={v}
              onChange={(x) =>
                set(
                  'levels',
                  form.levels.map((y, j) => (j === i ? x : y)),
                )
              }
            />
          ))}
          <TextField label={t('indBelow')} name="below" inputMode="decimal" value={form.below} onChange={(v) => set('below', v)} />
          <TextField label={t('indAbove')} name="above" inputMode="decimal" value={form.above} onChange={(v) => set('above', v)} />
        </div>
        {errors.scale && (
          <div className="field-error" role="alert" data-testid="error-scale">
            {errors.scale}
          </div>
        )}
      </fieldset>
      {errors.form && (
        <p className="error" role="alert" data-testid="form-error">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('indSave')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('indCancel')}
        </button>
      </div>
    </form>
  );
}
