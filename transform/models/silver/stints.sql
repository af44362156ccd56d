{{ session_incremental_config() }}
-- One row per driver stint (a run on one set of tyres), derived from laps.
with laps as (
    select * from {{ ref('stg_laps') }}
    where stint_number is not null and {{ is_new_session() }}
)

select
    session_id,
    any_value(event_id) as event_id,
    any_value(season) as season,
    any_value(round) as round,
    any_value(session_code) as session_code,
    driver_number,
    any_value(driver_code) as driver_code,
    any_value(team_name) as team_name,
    stint_number,
    arg_min(compound, lap_number) as compound,
    min(lap_number) as first_lap_number,
    max(lap_number) as last_lap_number,
    count(*) as laps_in_stint,
    arg_min(tyre_life_laps, lap_number) as tyre_age_at_start_laps,
    arg_max(tyre_life_laps, lap_number) as tyre_age_at_end_laps,
    arg_min(is_fresh_tyre, lap_number) as is_fresh_tyre,
    max(ingested_at) as ingested_at
from laps
group by session_id, driver_number, stint_number
