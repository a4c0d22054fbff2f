-- Corrections and cancellations of commitments (ก่อหนี้ผูกพัน).
-- A correction (date, vendor, amount, kind, note) fixes the record for every date; the values it
-- replaced stay in the audit trail. A cancellation takes effect on cancelled_on: before that date
-- the commitment counts in full (figures for earlier dates do not change); from it, only what was
-- paid against it before that date counts, the rest returning to the uncommitted balance.
ALTER TABLE commitments ADD COLUMN version int NOT NULL DEFAULT 1;
ALTER TABLE commitments ADD COLUMN updated_at timestamptz;
ALTER TABLE commitments ADD COLUMN updated_by text;
ALTER TABLE commitments ADD COLUMN cancelled_on date;
ALTER TABLE commitments ADD CONSTRAINT commitments_cancelled_after_signed CHECK (cancelled_on >= commit_date);
