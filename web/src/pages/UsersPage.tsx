/**
 * Accounts (administrators): the list with role, scope and deleted mark; creating one with the scope
 * its role needs (a cluster, a province, or project codes); editing role, scope and password with the
 * version read (a stale one gets the server's conflict message); deleting and restoring with a reason.
 */
import { useId, useState } from 'react';
import { todayIso } from '../../../src/core/dates.ts';
import { ROLES } from '../../../src/core/context.ts';
import { CreateUserInput, SCOPE_OF_ROLE, UpdateUserInput } from '../../../src/features/users/user.schema.ts';
import { api, type User } from '../api.ts';
import { ReasonForm } from '../components/ReasonForm.tsx';
import { TextField } from '../components/TextField.tsx';
import { roleName, useScopeName } from '../components/UserBadge.tsx';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../formErrors.ts';
import { usePrefs, useFmt, useT } from '../prefs.tsx';
import { useReference } from '../reference.ts';
import { useApi } from '../useApi.ts';

type Role = User['role'];

interface Draft {
  username: string;
  displayName: string;
  role: Role;
  scope: string;
  projects: string;
  password: string;
}

const EMPTY: Draft = { username: '', displayName: '', role: 'viewer', scope: '', projects: '', password: '' };
const FIELDS = ['username', 'displayName', 'role', 'scope', 'projects', 'password'] as const;

const codesOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The scope field a role needs: a cluster, a province, project codes, or none. */
function ScopeField({ draft, set, errors }: { draft: Draft; set(patch: Partial<Draft>): void; errors: FieldErrors }) {
  const t = useT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const ref = useReference(todayIso());
  const id = useId();
  const name = (o: { nameTh: string; nameEn: string }) => fmt.digits(lang === 'th' ? o.nameTh : o.nameEn);
  const kind = SCOPE_OF_ROLE[draft.role];
  if (kind === 'projects') {
    return (
      <TextField
        label={t('projectCodes')}
        name="projects"
        value={draft.projects}
        onChange={(projects) => set({ projects })}
        error={errors.projects}
      />
    );
  }
  if (kind === null) return null;
  const options =
    kind === 'cluster'
      ? (ref?.clusters ?? []).map((c) => ({ code: c.code, label: name(c) }))
      : [...(ref?.provinces ?? [])].map((p) => ({ code: p.code, label: name(p) })).sort((a, b) => a.label.localeCompare(b.label, lang));
  return (
    <div className="field">
      <label htmlFor={id}>{t('scope')}</label>
      <select id={id} name="scope" value={draft.scope} onChange={(e) => set({ scope: e.target.value })} aria-invalid={!!errors.scope}>
        <option value="">{t(kind === 'cluster' ? 'chooseCluster' : 'chooseProvince')}</option>
        {draft.scope && !options.some((o) => o.code === draft.scope) && <option value={draft.scope}>{draft.scope}</option>}
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
      {errors.scope && (
        <div className="field-error" role="alert">
          {errors.scope}
        </div>
      )}
    </div>
  );
}

function RoleSelect({ value, onChange }: { value: Role; onChange(role: Role): void }) {
  const t = useT();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('role')}</label>
      <select id={id} name="role" value={value} onChange={(e) => onChange(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {roleName(t, r)}
          </option>
        ))}
      </select>
    </div>
  );
}

function CreateUserForm({ onCreated }: { onCreated(username: string): void }) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch, ...(patch.role && patch.role !== d.role ? { scope: '' } : {}) }));

  async function submit() {
    const kind = SCOPE_OF_ROLE[draft.role];
    const parsed = CreateUserInput.safeParse({
      username: draft.username,
      displayName: draft.displayName.trim() || undefined,
      role: draft.role,
      scope: kind === 'cluster' || kind === 'province' ? draft.scope || undefined : undefined,
      projects: kind === 'projects' ? codesOf(draft.projects) : undefined,
      password: draft.password,
    });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      const user = await api.post<User>('/users', parsed.data);
      setDraft(EMPTY);
      onCreated(user.username);
    } catch (e) {
      setErrors(apiFieldErrors(e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel form"
      aria-label={t('addUser')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('addUser')}</h2>
      <div className="form-row">
        <TextField
          label={t('username')}
          name="username"
          autoComplete="off"
          value={draft.username}
          onChange={(username) => set({ username })}
          error={errors.username}
        />
        <TextField
          label={t('displayName')}
          name="displayName"
          value={draft.displayName}
          onChange={(displayName) => set({ displayName })}
          error={errors.displayName}
        />
      </div>
      <div className="form-row">
        <RoleSelect value={draft.role} onChange={(role) => set({ role })} />
        <ScopeField draft={draft} set={set} errors={errors} />
      </div>
      <TextField
        label={t('password')}
        name="password"
        type="password"
        autoComplete="new-password"
        value={draft.password}
        onChange={(password) => set({ password })}
        error={errors.password}
      />
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('addUser')}
      </button>
    </form>
  );
}

function EditUserForm({ user, onDone, onCancel }: { user: User; onDone(): void; onCancel(): void }) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>({
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    scope: user.scope ?? '',
    projects: user.projects.join(', '),
    password: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch, ...(patch.role && patch.role !== d.role ? { scope: '' } : {}) }));

  async function submit() {
    const kind = SCOPE_OF_ROLE[draft.role];
    const parsed = UpdateUserInput.safeParse({
      version: user.version,
      displayName: draft.displayName.trim() || undefined,
      role: draft.role,
      scope: kind === 'cluster' || kind === 'province' ? draft.scope || null : null,
      projects: kind === 'projects' ? codesOf(draft.projects) : undefined,
      password: draft.password || undefined,
    });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      await api.patch<User>(`/users/${encodeURIComponent(user.username)}`, parsed.data);
      onDone();
    } catch (e) {
      setErrors(apiFieldErrors(e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const title = t('editUser', { name: user.username });
  return (
    <form
      className="panel form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{title}</h2>
      <TextField
        label={t('displayName')}
        name="displayName"
        value={draft.displayName}
        onChange={(displayName) => set({ displayName })}
        error={errors.displayName}
      />
      <div className="form-row">
        <RoleSelect value={draft.role} onChange={(role) => set({ role })} />
        <ScopeField draft={draft} set={set} errors={errors} />
      </div>
      <TextField
        label={t('newPassword')}
        name="password"
        type="password"
        autoComplete="new-password"
        value={draft.password}
        onChange={(password) => set({ password })}
        error={errors.password}
      />
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

type Action = { kind: 'edit' | 'delete' | 'restore'; username: string } | null;

export default function UsersPage() {
  const t = useT();
  const fmt = useFmt();
  const scopeName = useScopeName();
  const users = useApi<User[]>('/users');
  const [action, setAction] = useState<Action>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (text: string) => {
    setAction(null);
    setNotice(text);
    users.reload();
  };
  const target = action && users.data?.find((u) => u.username === action.username);

  return (
    <div>
      <h1>{t('navUsersTitle')}</h1>
      {notice && (
        <p className="ok" role="status" data-testid="users-notice">
          {notice}
        </p>
      )}
      {users.error && <p className="error">{users.error.message}</p>}
      <table className="table" data-testid="users">
        <thead>
          <tr>
            <th>{t('username')}</th>
            <th>{t('displayName')}</th>
            <th>{t('role')}</th>
            <th>{t('scope')}</th>
            <th>{t('status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <tr key={u.username} className={u.deleted ? 'deleted' : undefined} data-username={u.username}>
              <td className="code">{u.username}</td>
              <td>{u.displayName}</td>
              <td>{roleName(t, u.role)}</td>
              <td>{u.role === 'agency_reporter' ? fmt.digits(u.projects.join(', ')) : scopeName(u.scope)}</td>
              <td>{u.deleted ? t('deletedMark') : t('active')}</td>
              <td className="row-actions">
                {!u.deleted && (
                  <button type="button" className="secondary" onClick={() => setAction({ kind: 'edit', username: u.username })}>
                    {t('edit')}
                  </button>
                )}
                {u.deleted ? (
                  <button type="button" className="secondary" onClick={() => setAction({ kind: 'restore', username: u.username })}>
                    {t('restore')}
                  </button>
                ) : (
                  <button type="button" className="secondary" onClick={() => setAction({ kind: 'delete', username: u.username })}>
                    {t('delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {target && action?.kind === 'edit' && (
        <EditUserForm key={`${target.username}-${target.version}`} user={target} onCancel={() => setAction(null)} onDone={() => done(t('saved'))} />
      )}
      {target && action?.kind === 'delete' && (
        <ReasonForm
          key={`d-${target.username}`}
          title={t('deleteUser', { name: target.username })}
          path={`/users/${encodeURIComponent(target.username)}/delete`}
          submitLabel={t('delete')}
          danger
          onCancel={() => setAction(null)}
          onDone={() => done(t('saved'))}
        />
      )}
      {target && action?.kind === 'restore' && (
        <ReasonForm
          key={`r-${target.username}`}
          title={t('restoreUser', { name: target.username })}
          path={`/users/${encodeURIComponent(target.username)}/restore`}
          submitLabel={t('restore')}
          onCancel={() => setAction(null)}
          onDone={() => done(t('restored'))}
        />
      )}
      <CreateUserForm onCreated={(name) => done(t('userCreated', { name }))} />
    </div>
  );
}
