-- Reference data: provinces, cluster schemes, clusters and the periods of their memberships.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE provinces (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
  iso text NOT NULL UNIQUE,
  name_th text NOT NULL,
  name_en text NOT NULL
);

CREATE TABLE cluster_schemes (
  scheme text PRIMARY KEY,
  valid_from date NOT NULL,
  valid_to date,
  description text NOT NULL,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE clusters (
  id serial PRIMARY KEY,
  scheme text NOT NULL REFERENCES cluster_schemes (scheme),
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9-]+$'),
  cluster_no int NOT NULL,
  name_th text NOT NULL,
  name_en text NOT NULL,
  ops_center_province_code text REFERENCES provinces (code),
  confirmed boolean NOT NULL,
  UNIQUE (scheme, slug),
  UNIQUE (scheme, cluster_no)
);

-- valid_to is exclusive; NULL means still in force.
CREATE TABLE cluster_memberships (
  id serial PRIMARY KEY,
  cluster_id int NOT NULL REFERENCES clusters (id),
  province_code text NOT NULL REFERENCES provinces (code),
  valid_from date NOT NULL,
  valid_to date,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX cluster_memberships_province ON cluster_memberships (province_code, valid_from);
CREATE INDEX cluster_memberships_cluster ON cluster_memberships (cluster_id);
