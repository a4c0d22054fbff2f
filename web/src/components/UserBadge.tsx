/** The signed-in user in the header: display name, role and scope, a link to the tokens, sign out. */
import { todayIso } from '../../../src/core/dates.ts';
import { Link } from 'wouter';
import type { Me } from '../api.ts';
import { usePrefs, useFmt, useT, type Translate } from '../prefs.tsx';
import { useReference, type Reference } from '../reference.ts';
import { useSession } from '../session.tsx';

export function roleName(t: Translate, role: Me['role']): string {
  return t(`role_${role}`);
}

/** A scope code as a name: a cluster slug or a province code, from the reference data when loaded. */
export function useScopeName(): (scope: string | null) => string {
  const { lang } = usePrefs();
  const fmt = useFmt();
  const ref: Reference | null = useReference(todayIso());
  return (scope) => {
    if (!scope) return '';
    const o = ref?.clusters.find((c) => c.code === scope) ?? ref?.provinces.find((p) => p.code === scope);
    return o ? fmt.digits(lang === 'th' ? o.nameTh : o.nameEn) : scope;
  };
}

export function UserBadge() {
  const t = useT();
  const { me, signOut } = useSession();
  const scopeName = useScopeName();
  if (!me) return null;
  return (
    <div className="user" data-testid="user">
      <span className="user-name" data-testid="user-name">
        {me.displayName}
      </span>
      <span className="user-role" data-testid="user-role">
        {roleName(t, me.role)}
        {me.scope && ` · ${scopeName(me.scope)}`}
      </span>
      <Link href="/tokens">{t('navTokens')}</Link>
      <button type="button" className="link-button" onClick={() => void signOut()}>
        {t('signOut')}
      </button>
    </div>
  );
}
