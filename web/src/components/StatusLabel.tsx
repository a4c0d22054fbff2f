/** A project status in the reader's language. */
import { STATUS_LABEL_EN, STATUS_LABEL_TH, type ProjectStatus } from '../../../src/features/projects/project.status.ts';
import { usePrefs } from '../prefs.tsx';

export function useStatusLabel(): (s: ProjectStatus) => string {
  const { lang } = usePrefs();
  return (s) => (lang === 'th' ? STATUS_LABEL_TH : STATUS_LABEL_EN)[s];
}

export function StatusLabel({ status }: { status: ProjectStatus }) {
  const label = useStatusLabel();
  return <span className={`status status-${status}`}>{label(status)}</span>;
}
