-- Monthly progress reports of projects: one per project and month, submitted by the agency
-- reporter or an officer, reviewed (accepted or returned with a reason) by an officer.
-- The history of saves and reviews is the audit trail (entity progress_report, key CODE/YYYY-MM).
CREATE TABLE progress_reports (
  id bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id),
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  percent_hundredths int NOT NULL CHECK (percent_hundredths BETWEEN 0 AND 10000),
  done text NOT NULL DEFAULT '',
  obstacles text NOT NULL DEFAULT '',
  solutions text NOT NULL DEFAULT '',
  help_requested text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  submitted_at timestamptz,
  submitted_by text,
  reviewed_at timestamptz,
  reviewed_by text,
  return_reason text,
  UNIQUE (project_id, month)
);
