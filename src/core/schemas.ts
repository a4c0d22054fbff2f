/** zod types shared by every feature, server and web alike (no Node imports here). */
import { z } from 'zod';
import { parseAmount } from './money.ts';
import { isIsoDate, parseDate } from './dates.ts';
import { toArabicDigits } from './thai.ts';
import { excerpt } from './text.ts';

/** A decimal string of baht, parsed into satang. */
export const Amount = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const v = parseAmount(s);
    if (v === null) {
      ctx.addIssue({ code: 'custom', message: `"${excerpt(s)}" is not an amount: use digits with up to 2 decimals, e.g. 1234.50 or 1,234.50` });
      return z.NEVER;
    }
    return v;
  })
  .meta({ type: 'string', example: '1421593.29' });

export const IsoDateString = z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD').meta({ example: '2016-01-05' });

/** ISO, or Thai d/m/yyyy in B.E.; yields ISO. */
export const FlexibleDate = z.string().transform((s, ctx) => {
  const r = parseDate(s);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.date;
});

const fiscalYearNumber = z
  .number({ error: 'fiscal year must be a B.E. year such as 2559' })
  .int('fiscal year must be a whole B.E. year such as 2559')
  .min(2500, 'fiscal year is a B.E. year such as 2559')
  .max(2700, 'fiscal year is a B.E. year such as 2559');

const digitsToNumber = (s: string) => (/^\s*[0-9\u0E50-\u0E59]+\s*$/.test(s) ? Number(toArabicDigits(s.trim())) : Number.NaN);

/** A B.E. fiscal year written as text in Arabic or Thai digits (query strings, files). */
export const FiscalYearText = z.string().transform(digitsToNumber).pipe(fiscalYearNumber);

/** A B.E. fiscal year, from a number or its text (one schema, so that its messages reach the user). */
export const FiscalYear = z
  .preprocess((v) => (typeof v === 'string' ? digitsToNumber(v) : v), fiscalYearNumber)
  .meta({ type: 'integer', example: 2559 });

export const AmountString = z.string().meta({ description: 'baht as a decimal string', example: '359420700.00' });
export const PercentString = z.string().nullable().meta({ description: 'percent rounded half up to 2 decimals', example: '0.40' });

/** The body of a deletion or a restore: why (the audit trail keeps it). */
export const ReasonBody = z.object({ reason: z.string({ error: 'a reason is required' }).trim().min(1, 'a reason is required').max(2000) });
