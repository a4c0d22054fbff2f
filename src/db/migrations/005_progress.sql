-- Project progress: budget categories, spending plans (versioned), commitments, disbursement targets.

-- A project's budget by category (งบดำเนินงาน, งบลงทุน, งบรายจ่ายอื่น); projects.budget is their sum.
-- A project without lines has one implicit line: 'operating', its whole budget.
CREATE TABLE project_budget_lines (
  project_id bigint NOT NULL REFERENCES projects (id),
  category text NOT NULL CHECK (category IN ('operating', 'investment', 'other')),
  amount bigint NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (project_id, category)
);

-- Contracts and purchase orders signed (ก่อหนี้ผูกพัน).
CREATE TABLE commitments (
  id bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id),
  number text NOT NULL CHECK (length(number) BETWEEN 1 AND 100),
  kind text NOT NULL CHECK (kind IN ('contract', 'purchase_order')),
  commit_date date NOT NULL,
  vendor text NOT NULL CHECK (length(vendor) BETWEEN 1 AND 300),
  amount bigint NOT NULL CHECK (amount > 0),
  category text NOT NULL CHECK (category IN ('operating', 'investment', 'other')),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  deleted_at timestamptz,
  UNIQUE (project_id, number)
);
CREATE INDEX commitments_project_date ON commitments (project_id, commit_date);

-- Every ledger entry is of one category; a disbursement may be paid against a commitment.
ALTER TABLE ledger_entries ADD COLUMN category text NOT NULL DEFAULT 'operating' CHECK (category IN ('operating', 'investment', 'other'));
ALTER TABLE ledger_entries ADD COLUMN commitment_id bigint REFERENCES commitments (id);

-- Spending plans: each revision is a version in force from its effective date.
CREATE TABLE plan_versions (
  id bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id),
  version int NOT NULL,
  effective_from date NOT NULL,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  UNIQUE (project_id, version)
);
CREATE INDEX plan_versions_project ON plan_versions (project_id, effective_from, version);

-- Planned disbursement in a month (YYYY-MM), by category.
CREATE TABLE plan_months (
  plan_id bigint NOT NULL REFERENCES plan_versions (id),
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  category text NOT NULL CHECK (category IN ('operating', 'investment', 'other')),
  amount bigint NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (plan_id, month, category)
);

-- Planned physical progress: cumulative percent complete at the end of a month, in hundredths.
CREATE TABLE plan_physical (
  plan_id bigint NOT NULL REFERENCES plan_versions (id),
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  percent_hundredths int NOT NULL CHECK (percent_hundredths BETWEEN 0 AND 10000),
  PRIMARY KEY (plan_id, month)
);

-- Activities and milestones: planned dates belong to a plan version, actual dates to the project.
CREATE TABLE project_milestones (
  id bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id),
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  actual_start date,
  actual_end date,
  UNIQUE (project_id, key)
);
CREATE TABLE plan_milestones (
  plan_id bigint NOT NULL REFERENCES plan_versions (id),
  milestone_id bigint NOT NULL REFERENCES project_milestones (id),
  planned_start date NOT NULL,
  planned_end date NOT NULL CHECK (planned_end >= planned_start),
  PRIMARY KEY (plan_id, milestone_id)
);

-- Disbursement targets: cumulative percent of the allocation at the end of each quarter.
-- owner_key '' is the cabinet's target for everyone; a cluster slug or province code overrides it.
-- category 'all' is the target for the whole allocation.
CREATE TABLE disbursement_targets (
  fiscal_year int NOT NULL CHECK (fiscal_year BETWEEN 2500 AND 2700),
  owner_key text NOT NULL DEFAULT '',
  quarter int NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  category text NOT NULL CHECK (category IN ('all', 'operating', 'investment', 'other')),
  percent_hundredths int NOT NULL CHECK (percent_hundredths BETWEEN 0 AND 10000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  PRIMARY KEY (fiscal_year, owner_key, quarter, category)
);
