/** The reader's preferences (language, Thai digits), kept in localStorage, and the hooks that use them. */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { MESSAGES, fill, type Lang, type MessageKey } from './i18n.ts';
import { makeFormat, type Format } from './format.ts';

interface Prefs {
  lang: Lang;
  thaiDigits: boolean;
  setLang(lang: Lang): void;
  setThaiDigits(on: boolean): void;
}

const PrefsContext = createContext<Prefs | null>(null);

function stored<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    return allowed.includes(v as T) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
}

export function PrefsProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(() => stored('padme.lang', ['th', 'en'], 'th'));
  const [digits, setDigits] = useState(() => stored('padme.digits', ['thai', 'arabic'], 'arabic'));
  useEffect(() => {
    localStorage.setItem('padme.lang', lang);
    localStorage.setItem('padme.digits', digits);
    document.documentElement.lang = lang;
  }, [lang, digits]);
  const value = useMemo<Prefs>(
    () => ({ lang, thaiDigits: digits === 'thai', setLang, setThaiDigits: (on) => setDigits(on ? 'thai' : 'arabic') }),
    [lang, digits],
  );
  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): Prefs {
  const p = useContext(PrefsContext);
  if (!p) throw new Error('usePrefs outside PrefsProvider');
  return p;
}

export type Translate = (key: MessageKey, values?: Record<string, string>) => string;

/** t('rankOf', {rank: '7', of: '18'}) in the reader's language. */
export function useT(): Translate {
  const { lang } = usePrefs();
  return useMemo(() => (key, values) => (values ? fill(MESSAGES[lang][key], values) : MESSAGES[lang][key]), [lang]);
}

/** Formatters for amounts, percentages, dates and counts in the reader's style. */
export function useFmt(): Format {
  const { lang, thaiDigits } = usePrefs();
  return useMemo(() => makeFormat(lang, thaiDigits), [lang, thaiDigits]);
}
