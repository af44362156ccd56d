-- One row per driver per qualifying session, every era (precedence in fct_qualifying.yml):
-- Fast-F1's classification where its results carry positions; else the Ergast history's
-- (1994-); else Fast-F1's laps split into Q1/Q2/Q3 by Fast-F1 (silver.stg_qualifying_parts).
with fastf1_entries as (
    select * from {{ ref('int_fastf1_entries') }}
    where session_code in ('Q', 'SQ', 'SS')
),

history as (
    select * from {{ ref('stg_history_qualifying') }}
),

parts as (
    select * from {{ ref('stg_qualifying_parts') }}
),

fastf1_classified as (
    select distinct session_id
    from fastf1_entries
    where finish_position is not null
),

from_fastf1 as (
    select
        fastf1_entries.session_id,
        fastf1_entries.season,
        fastf1_entries.round,
        fastf1_entries.session_code,
        fastf1_entries.driver_ref,
        fastf1_entries.constructor_ref,
        fastf1_entries.driver_number,
        fastf1_entries.finish_position as qualifying_position,
        fastf1_entries.q1_ms,
        fastf1_entries.q2_ms,
        fastf1_entries.q3_ms,
        'fastf1_results' as qualifying_source
    from fastf1_entries
    inner join fastf1_classified on fastf1_entries.session_id = fastf1_classified.session_id
),

from_history as (
    select
        history.event_id || '-Q' as session_id,
        history.season,
        history.round,
        'Q' as session_code,
        history.driver_ref,
        history.constructor_ref,
        cast(history.car_number as varchar) as driver_number,
        history.qualifying_position,
        history.q1_ms,
        history.q2_ms,
        history.q3_ms,
        'ergast' as qualifying_source
    from history
    where history.event_id || '-Q' not in (select from_fastf1.session_id from from_fastf1)
),

-- each driver's best valid lap per part (Fast-F1's split; deleted laps do not count)
part_bests as (
    select
        laps.session_id,
        laps.driver_number,
        min(laps.lap_time_ms) filter (where parts.qualifying_part = 1) as q1_ms,
        min(laps.lap_time_ms) filter (where parts.qualifying_part = 2) as q2_ms,
        min(laps.lap_time_ms) filter (where parts.qualifying_part = 3) as q3_ms,
        max(parts.qualifying_part) as last_part
    from {{ ref('stg_laps') }} as laps
    inner join parts
        on
            laps.session_id = parts.session_id
            and laps.driver_number = parts.driver_number
            and laps.lap_number = parts.lap_number
    where laps.lap_time_ms is not null and not laps.is_deleted
    group by laps.session_id, laps.driver_number
),

split_sessions as (
    select distinct session_id
    from part_bests
),

from_laps as (
    select
        fastf1_entries.session_id,
        fastf1_entries.season,
        fastf1_entries.round,
        fastf1_entries.session_code,
        fastf1_entries.driver_ref,
        fastf1_entries.constructor_ref,
        fastf1_entries.driver_number,
        -- the regulations' order: Q3 runners by their Q3 time, then those out in Q2 by their
        -- Q2 time, then Q1; no time at all: last, by car number
        cast(row_number() over (
            partition by fastf1_entries.session_id
            order by
                part_bests.last_part desc nulls last,
                case part_bests.last_part
                    when 3 then part_bests.q3_ms
                    when 2 then part_bests.q2_ms
                    else part_bests.q1_ms
                end asc nulls last,
                fastf1_entries.driver_number
        ) as integer) as qualifying_position,
        part_bests.q1_ms,
        part_bests.q2_ms,
        part_bests.q3_ms,
        'fastf1_laps' as qualifying_source
    from fastf1_entries
    inner join split_sessions on fastf1_entries.session_id = split_sessions.session_id
    left join part_bests
        on
            fastf1_entries.session_id = part_bests.session_id
            and fastf1_entries.driver_number = part_bests.driver_number
    where
        fastf1_entries.session_id not in (
            select fastf1_classified.session_id from fastf1_classified
        )
        and fastf1_entries.session_id not in (select from_history.session_id from from_history)
),

unioned as (
    select * from from_fastf1
    union all
    select * from from_history
    union all
    select * from from_laps
),

final as (
    select
        unioned.session_id || '-' || unioned.driver_ref as qualifying_id,
        unioned.session_id,
        left(unioned.session_id, 7) as event_id,
        unioned.season,
        unioned.round,
        unioned.session_code,
        unioned.driver_ref,
        unioned.constructor_ref,
        coalesce(codes.driver_code, drivers.driver_code) as driver_code,
        unioned.driver_number,
        coalesce(drivers.driver_full_name, codes.driver_full_name) as driver_full_name,
        teams.team_name,
        unioned.qualifying_position,
        unioned.q1_ms,
        unioned.q2_ms,
        unioned.q3_ms,
        least(unioned.q1_ms, unioned.q2_ms, unioned.q3_ms) as best_lap_ms,
        unioned.qualifying_source
    from unioned
    left join {{ ref('int_team_seasons') }} as teams
        on unioned.season = teams.season and unioned.constructor_ref = teams.constructor_ref
    left join {{ ref('stg_history_drivers') }} as drivers
        on unioned.driver_ref = drivers.driver_ref
    left join {{ ref('int_season_driver_labels') }} as codes
        on unioned.season = codes.season and unioned.driver_ref = codes.driver_ref
)

select * from final
