-- Photos and documents attached to monthly progress reports. The content is stored in the
-- database (bytea) so that a backup carries it. A file is removed softly (removed_at/by): its
-- content and metadata stay, and the removal is in the audit trail (entity progress_report_file).
CREATE TABLE progress_report_files (
  id bigserial PRIMARY KEY,
  report_id bigint NOT NULL REFERENCES progress_reports (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size int NOT NULL CHECK (size > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  uploaded_by text NOT NULL,
  removed_at timestamptz,
  removed_by text,
  CHECK (octet_length(content) = size),
  CHECK ((removed_at IS NULL) = (removed_by IS NULL))
);
CREATE INDEX progress_report_files_report ON progress_report_files (report_id, id);
