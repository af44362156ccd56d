{{ config(severity='warn') }}
-- Where both sources have a session's laps, OpenF1's lap times agree with Fast-F1's (served) to
-- the millisecond for at least 95% of the laps both time; a session below that is reported.
select *
from {{ ref('openf1_fastf1_agreement') }}
where laps_differing_over_1_ms > 0.05 * laps_timed_in_both
