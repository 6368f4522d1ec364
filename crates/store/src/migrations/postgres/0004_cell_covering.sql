-- raqib store, PostgreSQL schema version 4: the grid-cell index covers the radius filter.
--
-- A cell only partly inside the circle may hold a dense cluster of events just outside it
-- (a town 27 km from the centre of a 25 km query): reading that cell in date order rejects
-- every one of them before finding a page. With the coordinates (and the columns the page
-- query returns) in the index, the scan is index-only and those rejections cost no heap reads.
CREATE INDEX events_cell_cover ON events (cell, date DESC NULLS LAST, ek DESC)
    INCLUDE (lat, lon, confidence) WHERE current = 1;
DROP INDEX events_cell_date;
