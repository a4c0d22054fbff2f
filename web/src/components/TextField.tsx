/** A labelled input or textarea with its error message under it. */
import { useId, type InputHTMLAttributes } from 'react';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  multiline?: boolean;
}

export function TextField({ label, value, onChange, error, multiline, ...rest }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea id={id} name={rest.name} value={value} rows={2} aria-invalid={!!error} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input id={id} {...rest} value={value} aria-invalid={!!error} onChange={(e) => onChange(e.target.value)} />
      )}
      {error && (
        <div className="field-error" role="alert" data-testid={rest.name ? `error-${rest.name}` : undefined}>
          {error}
        </div>
      )}
    </div>
  );
}
