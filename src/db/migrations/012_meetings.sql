-- Meetings of an owner's OSM (no. 12/2558: unique per owner and B.E. year) and their agenda,
-- grouped by the OSM's divisions. The weekday is never stored: it is derived from meeting_date.
-- Closing a meeting freezes its report: the rendered text and the figures of every block (JSON).
CREATE TABLE meetings (
  id bigserial PRIMARY KEY,
  owner_kind text NOT NULL CHECK (owner_kind IN ('cluster', 'province')),
  cluster_id int REFERENCES clusters (id),
  province_code text REFERENCES provinces (code),
  -- The owner's code as written (a cluster slug or a province code): the number is unique per owner and year.
  owner_code text NOT NULL,
  meeting_no int NOT NULL CHECK (meeting_no BETWEEN 1 AND 999),
  be_year int NOT NULL CHECK (be_year BETWEEN 2500 AND 2700),
  -- The month the meeting covers, YYYY-MM.
  covers_month text NOT NULL CHECK (covers_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  meeting_date date NOT NULL,
  start_time text CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  -- The date the computed blocks' figures are as of.
  cut_off date NOT NULL,
  venues text[] NOT NULL DEFAULT '{}',
  organizer text NOT NULL CHECK (length(organizer) BETWEEN 1 AND 500),
  purposes text[] NOT NULL DEFAULT '{}',
  note text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'closed')),
  closed_at timestamptz,
  closed_by text,
  -- The frozen report (set when closed): {"text": ..., "structure": ..., "blocks": {...}}.
  frozen jsonb,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  deleted_at timestamptz,
  CHECK ((owner_kind = 'cluster' AND cluster_id IS NOT NULL AND province_code IS NULL)
      OR (owner_kind = 'province' AND province_code IS NOT NULL AND cluster_id IS NULL)),
  CHECK ((status = 'closed') = (frozen IS NOT NULL))
);
CREATE UNIQUE INDEX meetings_owner_no_year ON meetings (owner_code, be_year, meeting_no) WHERE deleted_at IS NULL;

-- A ❖ topic of a meeting, in a division, ordered; its items are narrative text or computed blocks with their parameters.
CREATE TABLE meeting_agenda_items (
  id bigserial PRIMARY KEY,
  meeting_id bigint NOT NULL REFERENCES meetings (id),
  division text NOT NULL CHECK (division IN ('strategy', 'monitoring', 'administration')),
  position int NOT NULL CHECK (position >= 1),
  topic text NOT NULL CHECK (length(topic) BETWEEN 1 AND 1000),
  -- [{"kind": "text", "text": ...} | {"kind": "approval", "fiscalYear": 2559} | ...]
  items jsonb NOT NULL DEFAULT '[]',
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  deleted_at timestamptz
);
CREATE INDEX meeting_agenda_items_meeting ON meeting_agenda_items (meeting_id, division, position);
