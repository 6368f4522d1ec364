-- raqib store, SQLite schema version 6: tenth-of-a-degree grid cells for "within N km".
--
-- Half-degree cells (~55 km) put towns 30 km apart in one cell: a 25 km query around one
-- read, in date order, every event of the other before giving up on the cell (1 M events:
-- p99 52–80 ms). With ~11 km cells the cells a radius query reads hold little outside the
-- circle, and cells that cannot reach the circle are not read at all (`filter::Grid`).
-- The index replaces migration 4's, with the same columns, so ingest writes no more.
ALTER TABLE events ADD COLUMN cell10 INTEGER GENERATED ALWAYS AS
    (CAST((lat + 90.0) * 10.0 AS INTEGER) * 3601 + CAST((lon + 180.0) * 10.0 AS INTEGER)) VIRTUAL;
CREATE INDEX events_cell10_cover ON events (cell10, date, ek, lat, lon, confidence)
    WHERE current = 1;
DROP INDEX events_cell_cover;
