-- Hourly wage percentiles. Some occupations (actors, dancers, musicians, ...)
-- are published only as hourly wages, so their annual columns are NULL and
-- the pages show these instead. Clearing oews_imports makes the next start
-- re-import the (unchanged) files so that the new columns are filled.
ALTER TABLE oews_occupations ADD COLUMN hourly_p10 REAL;
ALTER TABLE oews_occupations ADD COLUMN hourly_p25 REAL;
ALTER TABLE oews_occupations ADD COLUMN hourly_p75 REAL;
ALTER TABLE oews_occupations ADD COLUMN hourly_p90 REAL;

ALTER TABLE oews_state_wages ADD COLUMN hourly_p10 REAL;
ALTER TABLE oews_state_wages ADD COLUMN hourly_p25 REAL;
ALTER TABLE oews_state_wages ADD COLUMN hourly_median REAL;
ALTER TABLE oews_state_wages ADD COLUMN hourly_p75 REAL;
ALTER TABLE oews_state_wages ADD COLUMN hourly_p90 REAL;

DELETE FROM oews_imports;
