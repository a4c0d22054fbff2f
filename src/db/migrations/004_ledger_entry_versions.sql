-- Ledger entries can be corrected (with a reason): a version for optimistic concurrency, and who changed them last.
ALTER TABLE ledger_entries ADD COLUMN version int NOT NULL DEFAULT 1;
ALTER TABLE ledger_entries ADD COLUMN updated_at timestamptz;
ALTER TABLE ledger_entries ADD COLUMN updated_by text;
