-- The starting grid of every Fast-F1 race and sprint result: the grid slot, or a pit-lane start.
-- Rules (int_starting_grid.yml): a pit-lane starter has no grid slot. Ergast marks one as grid 0
-- (NULL in silver); Jolpica, the Ergast API Fast-F1 reads since 2024, numbers it in the back
-- slots instead, so where the Ergast history is ingested its grid 0 marks the pit-lane start.
with results as (
    select
        results.session_id,
        results.season,
        results.round,
        results.session_code,
        results.driver_number,
        results.driver_ergast_id,
        results.grid_position,
        coalesce(results.classified_position, '') = 'W' as is_withdrawn
    from {{ ref('stg_results') }} as results
    inner join {{ ref('stg_sessions') }} as sessions on results.session_id = sessions.session_id
    where sessions.session_type in ('race', 'sprint')
),

history as (
    -- one row per driver and session (a shared drive of the 1950s has two entries)
    select
        season,
        round,
        session_code,
        driver_ref,
        bool_or(grid_position is null and position_text not in ('W', 'F')) as is_pit_lane_start,
        bool_and(position_text in ('W', 'F')) as is_non_starter
    from {{ ref('int_history_session_results') }}
    group by season, round, session_code, driver_ref
),

entries as (
    -- a car takes the start unless withdrawn (W) in Fast-F1, or W / F in the history
    select
        results.*,
        coalesce(history.is_pit_lane_start, false) as is_pit_lane_in_history,
        not results.is_withdrawn
        and not coalesce(history.is_non_starter, false) as is_starter
    from results
    left join history
        on
            results.season = history.season
            and results.round = history.round
            and results.session_code = history.session_code
            and results.driver_ergast_id = history.driver_ref
),

sessions as (
    select
        session_id,
        count(grid_position) as drivers_with_grid,
        count(*) filter (where is_starter) as starters
    from entries
    group by session_id
),

flagged as (
    select
        entries.*,
        sessions.starters,
        entries.is_starter
        and (
            -- Fast-F1 gives no slot (Ergast grid 0, or live timing without one) in a session
            -- whose other results have slots
            (entries.grid_position is null and sessions.drivers_with_grid > 0)
            -- the Ergast history says pit lane where Jolpica numbered a back slot
            or entries.is_pit_lane_in_history
        ) as is_pit_lane_start
    from entries
    inner join sessions on entries.session_id = sessions.session_id
),

final as (
    select
        session_id || '-' || driver_number as starting_grid_id,
        session_id,
        driver_number,
        case when not is_pit_lane_start then grid_position end as grid_position,
        is_pit_lane_start,
        starters as starters_count
    from flagged
)

select * from final
