-- raqib store, SQLite schema version 9: near-duplicate band keys in memory, not in a table.
--
-- `report_bands` held one row for each of a report's 16 LSH band keys: hashes, so every row
-- went to a random place of a growing index (a seventh of an ingest's instructions on a
-- fresh store, a quarter of its time on a growing one). The keys follow from the signatures
-- in `reports.minhash`, so a store handle builds them in memory at its first ingest and
-- catches up from later signatures (`band_index.rs`).
DROP TABLE report_bands;
