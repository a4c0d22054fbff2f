-- The ledger partitioned by the fiscal year of its project (docs/partitioning.md). Not a default
-- migration: for a server at 10x the national data set. Run by `padme db partition-ledger`, in one
-- transaction; running it again only adds the partitions of new fiscal years.
--
-- ledger_entry_rows is the partitioned table: the columns of ledger_entries and fiscal_year, the
-- fiscal year of the entry's project (a carry-over payment dated after 30 September stays in its
-- project's year). ledger_entries becomes a view of it with the same columns, so that PADME's SQL
-- does not change: an INSTEAD OF INSERT trigger fills fiscal_year from the project (a BEFORE trigger
-- on a partitioned table cannot choose the partition), UPDATE and DELETE go through the view.

DO $convert$
DECLARE
  fy int;
BEGIN
  IF to_regclass('public.ledger_entry_rows') IS NOT NULL THEN
    RETURN;
  END IF;
  -- Nothing reads or writes the ledger or the projects meanwhile (docs/partitioning.md: a maintenance window).
  LOCK TABLE ledger_entries, projects IN ACCESS EXCLUSIVE MODE;

  -- A ledger row's fiscal year is its project's, kept so by the database itself.
  ALTER TABLE projects ADD CONSTRAINT projects_id_fiscal_year_key UNIQUE (id, fiscal_year);

  CREATE TABLE ledger_entry_rows (
    id bigint NOT NULL,
    project_id bigint NOT NULL,
    kind text NOT NULL CHECK (kind IN ('adjustment', 'disbursement')),
    entry_date date NOT NULL,
    amount bigint NOT NULL CHECK (amount <> 0),
    ref text NOT NULL CHECK (length(ref) BETWEEN 1 AND 100),
    note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    deleted_at timestamptz,
    version int NOT NULL DEFAULT 1,
    updated_at timestamptz,
    updated_by text,
    category text NOT NULL DEFAULT 'operating' CHECK (category IN ('operating', 'investment', 'other')),
    commitment_id bigint REFERENCES commitments (id),
    fiscal_year int NOT NULL
  ) PARTITION BY LIST (fiscal_year);
  -- A year without its own partition yet (padme db partition-ledger adds them) is kept here.
  CREATE TABLE ledger_entry_rows_other PARTITION OF ledger_entry_rows DEFAULT;
  FOR fy IN SELECT DISTINCT fiscal_year FROM projects ORDER BY 1 LOOP
    EXECUTE format('CREATE TABLE ledger_entry_rows_%s PARTITION OF ledger_entry_rows FOR VALUES IN (%s)', fy, fy);
  END LOOP;

  INSERT INTO ledger_entry_rows
  SELECT e.id, e.project_id, e.kind, e.entry_date, e.amount, e.ref, e.note, e.created_at, e.created_by, e.deleted_at,
         e.version, e.updated_at, e.updated_by, e.category, e.commitment_id, p.fiscal_year
    FROM ledger_entries e JOIN projects p ON p.id = e.project_id;

  -- Keys and indexes after the copy: built in one pass each, they are smaller (less than half the
  -- size of those filled row by row) and quicker to make.
  -- An id is unique through its sequence; a key of a partitioned table must hold the partition key.
  ALTER TABLE ledger_entry_rows ADD PRIMARY KEY (id, fiscal_year);
  -- fiscal_year depends on project_id, so this is exactly "a ref once among a project's live entries".
  CREATE UNIQUE INDEX ledger_entry_rows_live_ref ON ledger_entry_rows (project_id, kind, ref, fiscal_year) WHERE deleted_at IS NULL;
  CREATE INDEX ledger_entry_rows_project_date ON ledger_entry_rows (project_id, kind, entry_date) INCLUDE (amount);
  -- A project's fiscal year corrected (PATCH) moves its entries to that year's partition.
  ALTER TABLE ledger_entry_rows ADD FOREIGN KEY (project_id, fiscal_year) REFERENCES projects (id, fiscal_year) ON UPDATE CASCADE;

  ALTER SEQUENCE ledger_entries_id_seq OWNED BY ledger_entry_rows.id;
  ALTER TABLE ledger_entry_rows ALTER COLUMN id SET DEFAULT nextval('ledger_entries_id_seq');
  DROP TABLE ledger_entries;

  CREATE VIEW ledger_entries AS
  SELECT id, project_id, kind, entry_date, amount, ref, note, created_at, created_by, deleted_at,
         version, updated_at, updated_by, category, commitment_id
    FROM ledger_entry_rows;
  -- The defaults of the table, for the rows inserted through the view.
  ALTER VIEW ledger_entries ALTER COLUMN id SET DEFAULT nextval('ledger_entries_id_seq');
  ALTER VIEW ledger_entries ALTER COLUMN created_at SET DEFAULT now();
  ALTER VIEW ledger_entries ALTER COLUMN version SET DEFAULT 1;
  ALTER VIEW ledger_entries ALTER COLUMN category SET DEFAULT 'operating';

  CREATE FUNCTION ledger_entries_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    INSERT INTO ledger_entry_rows (id, project_id, kind, entry_date, amount, ref, note, created_at, created_by, deleted_at,
                                   version, updated_at, updated_by, category, commitment_id, fiscal_year)
    VALUES (NEW.id, NEW.project_id, NEW.kind, NEW.entry_date, NEW.amount, NEW.ref, NEW.note, NEW.created_at, NEW.created_by,
            NEW.deleted_at, NEW.version, NEW.updated_at, NEW.updated_by, NEW.category, NEW.commitment_id,
            (SELECT fiscal_year FROM projects WHERE id = NEW.project_id))
    RETURNING id, project_id, kind, entry_date, amount, ref, note, created_at, created_by, deleted_at,
              version, updated_at, updated_by, category, commitment_id
         INTO NEW;
    RETURN NEW;
  END
  $fn$;
  CREATE TRIGGER ledger_entries_insert INSTEAD OF INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_entries_insert();

  -- The plans over a dozen partitions cost more than jit_above_cost, and compiling them took ten
  -- times the report itself (0.45 s of a 0.5 s ranking at scale 0.1): no JIT for this database's
  -- new connections (restart padme serve after this script).
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
END
$convert$;

-- A partition for every fiscal year with projects and the two after the latest; rows of those years
-- kept meanwhile in the default partition move into theirs.
DO $partitions$
DECLARE
  fy int;
BEGIN
  FOR fy IN
    SELECT y FROM (SELECT DISTINCT fiscal_year AS y FROM projects
                   UNION SELECT latest.y + v.n
                           FROM (SELECT coalesce(max(fiscal_year), extract(year FROM now())::int + 543) AS y FROM projects) latest,
                                (VALUES (1), (2)) AS v (n)) years
     WHERE to_regclass(format('public.ledger_entry_rows_%s', y)) IS NULL
     ORDER BY y
  LOOP
    CREATE TEMP TABLE ledger_moving ON COMMIT DROP AS SELECT * FROM ledger_entry_rows_other WHERE fiscal_year = fy;
    DELETE FROM ledger_entry_rows_other WHERE fiscal_year = fy;
    EXECUTE format('CREATE TABLE ledger_entry_rows_%s PARTITION OF ledger_entry_rows FOR VALUES IN (%s)', fy, fy);
    INSERT INTO ledger_entry_rows SELECT * FROM ledger_moving;
    DROP TABLE ledger_moving;
  END LOOP;
END
$partitions$;

ANALYZE ledger_entry_rows;
