-- Race and sprint classifications from the Ergast history in the shape of gold.fct_results,
-- for the sessions Fast-F1 gives no classification for (every race before 2018, and e.g. the
-- 2025 Chinese GP in the real cache). Drivers get their Fast-F1 code through the Ergast id
-- Fast-F1 reports (`driver_ergast_id`); `time` follows Fast-F1: winner's total, others' gap.
with history as (
    select * from {{ ref('int_history_session_results') }}
),

-- A Fast-F1 classification counts when it carries the official result (points, from Fast-F1's
-- Ergast layer). Results parsed from live timing alone (e.g. 2025 races of a pickle-only cache)
-- have the finishing order but no grid, status or points: history gives the whole sheet then.
fastf1_classified as (
    select distinct
        season,
        round,
        session_code
    from {{ ref('stg_results') }}
    where session_code in ('R', 'S') and finish_position is not null and points is not null
),

fastf1_codes as (
    select
        driver_ergast_id as driver_ref,
        arg_max(driver_code, session_id) as driver_code
    from {{ ref('stg_results') }}
    where driver_ergast_id is not null and driver_code is not null
    group by driver_ergast_id
),

missing as (
    select history.*
    from history
    left join fastf1_classified
        on
            history.season = fastf1_classified.season
            and history.round = fastf1_classified.round
            and history.session_code = fastf1_classified.session_code
    where fastf1_classified.season is null
),

winners as (
    select
        season,
        round,
        session_code,
        min(race_time_ms) filter (where position_order = 1) as winner_ms,
        count(*) filter (where position_text not in ('W', 'F')) as starters
    from missing
    group by season, round, session_code
),

final as (
    select
        printf('%s-%s-%s', missing.event_id, missing.session_code, missing.driver_ref)
        || '-' || missing.position_order as result_id,
        missing.event_id || '-' || missing.session_code as session_id,
        missing.event_id,
        missing.season,
        missing.round,
        missing.session_code,
        missing.session_type,
        fastf1_codes.driver_code,
        cast(missing.car_number as varchar) as driver_number,
        drivers.driver_full_name,
        constructors.constructor_name as team_name,
        cast(null as varchar) as team_colour_hex,
        missing.position_order as finish_position,
        missing.position_text as classified_position,
        missing.grid_position,
        -- the rules of fct_results.yml: a pit-lane start (Ergast grid 0, NULL in silver) counts
        -- as the last grid slot; positions gained for classified finishers only
        coalesce(
            missing.grid_position is null and missing.position_text not in ('W', 'F'), false
        ) as is_pit_lane_start,
        coalesce(regexp_full_match(missing.position_text, '[0-9]+'), false) as is_classified,
        cast(case
            when regexp_full_match(missing.position_text, '[0-9]+')
                then
                    coalesce(missing.grid_position, winners.starters)
                    - missing.position_order
        end as integer) as positions_gained,
        missing.status,
        missing.points,
        missing.laps_completed,
        case
            when missing.position_order = 1 then missing.race_time_ms
            else missing.race_time_ms - winners.winner_ms
        end as race_time_ms,
        cast(null as bigint) as q1_ms,
        cast(null as bigint) as q2_ms,
        cast(null as bigint) as q3_ms,
        cast(null as bigint) as best_qualifying_lap_ms,
        missing.position_order = 1 as is_winner,
        missing.position_order <= 3 as is_podium,
        'ergast' as result_source,
        missing.driver_ref
    from missing
    left join winners
        on
            missing.season = winners.season
            and missing.round = winners.round
            and missing.session_code = winners.session_code
    left join fastf1_codes on missing.driver_ref = fastf1_codes.driver_ref
    left join {{ ref('stg_history_drivers') }} as drivers on missing.driver_ref = drivers.driver_ref
    left join {{ ref('stg_history_constructors') }} as constructors
        on missing.constructor_ref = constructors.constructor_ref
)

select * from final
