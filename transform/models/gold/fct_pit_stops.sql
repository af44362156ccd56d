-- One row per pit stop of every race and sprint with stop records (precedence in
-- fct_pit_stops.yml): the Ergast history's stops (2011-, with the stop's duration) where it has
-- the race, else Fast-F1's (from laps), else OpenF1's; pit_source says which. Where Fast-F1 has
-- the same stop, its pit-lane times and tyres are added.
with history as (
    select * from {{ ref('stg_history_pit_stops') }}
),

timed_stops as (
    {{ fastf1_and_openf1('pit_stops', 'int_openf1_pit_stops', 'pit_source') }}
),

entries as (
    select distinct
        session_id,
        driver_number,
        driver_ref,
        constructor_ref
    from {{ ref('int_fastf1_entries') }}
),

-- the constructor each driver raced for (the history's race sheet)
history_teams as (
    select
        event_id,
        driver_ref,
        min(constructor_ref) as constructor_ref
    from {{ ref('int_history_session_results') }}
    where session_code = 'R'
    group by event_id, driver_ref
),

history_rows as (
    select
        history.event_id || '-R' as session_id,
        history.event_id,
        history.season,
        history.round,
        'R' as session_code,
        history.driver_ref,
        history_teams.constructor_ref,
        history.stop_number as pit_stop_number,
        history.lap_number as in_lap_number,
        history.pit_duration_ms,
        'ergast' as pit_source
    from history
    left join history_teams
        on
            history.event_id = history_teams.event_id
            and history.driver_ref = history_teams.driver_ref
),

timed_rows as (
    select
        timed_stops.*,
        entries.driver_ref,
        entries.constructor_ref
    from timed_stops
    left join entries
        on
            timed_stops.session_id = entries.session_id
            and timed_stops.driver_number = entries.driver_number
),

merged as (
    -- Ergast's stops, with Fast-F1's times and tyres for the same in-lap where it has them
    select
        history_rows.*,
        timed_rows.driver_code,
        timed_rows.driver_number,
        timed_rows.pit_in_session_time_ms,
        timed_rows.pit_out_session_time_ms,
        timed_rows.pit_lane_time_ms,
        timed_rows.compound_before,
        timed_rows.compound_after
    from history_rows
    left join timed_rows
        on
            history_rows.session_id = timed_rows.session_id
            and history_rows.driver_ref = timed_rows.driver_ref
            and history_rows.in_lap_number = timed_rows.in_lap_number
    union all by name
    select
        timed_rows.*,
        cast(null as bigint) as pit_duration_ms
    from timed_rows
    where timed_rows.session_id not in (select history_rows.session_id from history_rows)
),

final as (
    select
        merged.session_id || '-' || merged.driver_ref || '-' || merged.pit_stop_number
            as pit_stop_id,
        merged.session_id,
        merged.event_id,
        merged.season,
        merged.round,
        merged.session_code,
        coalesce(merged.driver_ref, 'car_' || merged.driver_number) as driver_ref,
        coalesce(merged.constructor_ref, 'unknown') as constructor_ref,
        coalesce(merged.driver_code, labels.driver_code, drivers.driver_code) as driver_code,
        coalesce(merged.driver_number, labels.driver_number) as driver_number,
        teams.team_name,
        cast(merged.pit_stop_number as bigint) as pit_stop_number,
        merged.in_lap_number,
        merged.pit_in_session_time_ms,
        merged.pit_out_session_time_ms,
        merged.pit_lane_time_ms,
        merged.pit_duration_ms,
        merged.compound_before,
        merged.compound_after,
        merged.pit_source
    from merged
    left join {{ ref('int_team_seasons') }} as teams
        on merged.season = teams.season and merged.constructor_ref = teams.constructor_ref
    left join {{ ref('int_season_driver_labels') }} as labels
        on merged.season = labels.season and merged.driver_ref = labels.driver_ref
    left join {{ ref('stg_history_drivers') }} as drivers
        on merged.driver_ref = drivers.driver_ref
)

select * from final
