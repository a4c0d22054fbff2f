-- Projects, their status history and their budget ledger (adjustments and disbursements).
CREATE TABLE projects (
  id bigserial PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
  fiscal_year int NOT NULL CHECK (fiscal_year BETWEEN 2500 AND 2700),
  owner_kind text NOT NULL CHECK (owner_kind IN ('cluster', 'province')),
  cluster_id int REFERENCES clusters (id),
  province_code text REFERENCES provinces (code),
  name_th text NOT NULL CHECK (length(name_th) BETWEEN 1 AND 1000),
  agency text,
  budget bigint NOT NULL CHECK (budget >= 0),
  status text NOT NULL CHECK (status IN ('proposed', 'revising', 'approved', 'in_progress', 'completed', 'cancelled')),
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  CHECK ((owner_kind = 'cluster' AND cluster_id IS NOT NULL AND province_code IS NULL)
      OR (owner_kind = 'province' AND province_code IS NOT NULL AND cluster_id IS NULL))
);
CREATE INDEX projects_cluster_year ON projects (cluster_id, fiscal_year) WHERE cluster_id IS NOT NULL;
CREATE INDEX projects_province_year ON projects (province_code, fiscal_year) WHERE province_code IS NOT NULL;
CREATE INDEX projects_year_status ON projects (fiscal_year, status);
CREATE INDEX projects_name_trgm ON projects USING gin (name_th gin_trgm_ops);

-- Every status a project has had, with the date it took effect and who set it.
CREATE TABLE project_status_history (
  id bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id),
  from_status text,
  to_status text NOT NULL,
  effective_date date NOT NULL,
  reason text,
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by text NOT NULL
);
CREATE INDEX project_status_history_project ON project_status_history (project_id, effective_date, id);

-- Signed amounts in satang: a negative disbursement is a return of funds.
CREATE TABLE ledger_entries (
  id bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id),
  kind text NOT NULL CHECK (kind IN ('adjustment', 'disbursement')),
  entry_date date NOT NULL,
  amount bigint NOT NULL CHECK (amount <> 0),
  ref text NOT NULL CHECK (length(ref) BETWEEN 1 AND 100),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  UNIQUE (project_id, kind, ref)
);
CREATE INDEX ledger_entries_project_date ON ledger_entries (project_id, kind, entry_date) INCLUDE (amount);
