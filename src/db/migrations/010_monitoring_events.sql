-- Monitoring and evaluation visits (a plan of a committee, the projects visited, findings,
-- recommendations followed up until closed, photos kept in the database so that backups carry
-- them) and events (trainings, seminars, workshops, meetings). Weekdays are never stored: they
-- are derived from the dates. The history of every change is the audit trail.
CREATE TABLE monitoring_visits (
  id bigserial PRIMARY KEY,
  owner_kind text NOT NULL CHECK (owner_kind IN ('cluster', 'province')),
  cluster_id int REFERENCES clusters (id),
  province_code text REFERENCES provinces (code),
  fiscal_year int NOT NULL CHECK (fiscal_year BETWEEN 2500 AND 2700),
  committee text NOT NULL CHECK (length(committee) BETWEEN 1 AND 500),
  title text NOT NULL DEFAULT '',
  start_date date NOT NULL,
  end_date date NOT NULL,
  -- In the order they are to be named (the seed: Chiang Mai, Lampang, Lamphun, Mae Hong Son).
  province_codes text[] NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  deleted_at timestamptz,
  CHECK (end_date >= start_date),
  CHECK ((owner_kind = 'cluster' AND cluster_id IS NOT NULL AND province_code IS NULL)
      OR (owner_kind = 'province' AND province_code IS NOT NULL AND cluster_id IS NULL))
);
CREATE INDEX monitoring_visits_dates ON monitoring_visits (start_date, end_date);

-- A project of a visit plan; visited_on and findings once it has been visited.
CREATE TABLE monitoring_visit_projects (
  id bigserial PRIMARY KEY,
  visit_id bigint NOT NULL REFERENCES monitoring_visits (id),
  project_id bigint NOT NULL REFERENCES projects (id),
  position int NOT NULL,
  visited_on date,
  findings text[] NOT NULL DEFAULT '{}',
  version int NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  UNIQUE (visit_id, project_id)
);

CREATE TABLE monitoring_recommendations (
  id bigserial PRIMARY KEY,
  visit_project_id bigint NOT NULL REFERENCES monitoring_visit_projects (id),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  responsible text NOT NULL CHECK (length(responsible) BETWEEN 1 AND 500),
  due_date date NOT NULL,
  -- The status after the latest follow-up (open until the first one); as of a date it is that of the latest follow-up dated by then.
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'closed')),
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX monitoring_recommendations_due ON monitoring_recommendations (due_date) WHERE status <> 'closed';

CREATE TABLE monitoring_follow_ups (
  id bigserial PRIMARY KEY,
  recommendation_id bigint NOT NULL REFERENCES monitoring_recommendations (id),
  noted_on date NOT NULL,
  note text NOT NULL CHECK (length(note) BETWEEN 1 AND 5000),
  status text NOT NULL CHECK (status IN ('open', 'in_progress', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL
);
CREATE INDEX monitoring_follow_ups_recommendation ON monitoring_follow_ups (recommendation_id, noted_on, id);

-- Photos of a visited project: the file as uploaded and its JPEG thumbnail, with what its EXIF says.
CREATE TABLE monitoring_photos (
  id bigserial PRIMARY KEY,
  visit_project_id bigint NOT NULL REFERENCES monitoring_visit_projects (id),
  file_name text NOT NULL,
  media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
  byte_size int NOT NULL CHECK (byte_size > 0),
  sha256 text NOT NULL,
  width int NOT NULL,
  height int NOT NULL,
  data bytea NOT NULL,
  thumbnail bytea NOT NULL,
  thumbnail_width int NOT NULL,
  thumbnail_height int NOT NULL,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  -- The camera's local time as it wrote it (EXIF carries no zone unless OffsetTimeOriginal): 'YYYY-MM-DDTHH:MM:SS'.
  taken_at text,
  taken_offset text,
  caption text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  deleted_at timestamptz,
  deleted_by text
);
CREATE INDEX monitoring_photos_visit_project ON monitoring_photos (visit_project_id);

-- Trainings, seminars, workshops and meetings: one event may span several venues and provinces.
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  owner_kind text NOT NULL CHECK (owner_kind IN ('cluster', 'province')),
  cluster_id int REFERENCES clusters (id),
  province_code text REFERENCES provinces (code),
  kind text NOT NULL CHECK (kind IN ('training', 'seminar', 'workshop', 'meeting')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
  organizer text NOT NULL DEFAULT '',
  start_date date NOT NULL,
  end_date date NOT NULL,
  start_time text CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  venues text[] NOT NULL DEFAULT '{}',
  province_codes text[] NOT NULL DEFAULT '{}',
  -- {"name": text|null, "position": text|null}
  chair jsonb,
  -- [{"name": text|null, "position": text|null}, ...]
  speakers jsonb NOT NULL DEFAULT '[]',
  -- [{"name": text, "attended": int|null}, ...]
  invited_groups jsonb NOT NULL DEFAULT '[]',
  attendance int CHECK (attendance >= 0),
  note text NOT NULL DEFAULT '',
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  deleted_at timestamptz,
  CHECK (end_date >= start_date),
  CHECK ((owner_kind = 'cluster' AND cluster_id IS NOT NULL AND province_code IS NULL)
      OR (owner_kind = 'province' AND province_code IS NOT NULL AND cluster_id IS NULL))
);
CREATE INDEX events_dates ON events (start_date, end_date);
