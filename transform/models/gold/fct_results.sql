-- One row per entry of every classification: races and sprints of every era, and Fast-F1's
-- qualifying and practice sheets. Source precedence, lineage and the F1 rules (a start, DNF,
-- DSQ, pole, fastest lap, a pit-lane starter's grid slot) are written here once: see
-- fct_results.yml. Dashboard, copilot and ml read these columns and never re-derive them.
with history as (
    select * from {{ ref('int_history_session_results') }}
),

fastf1 as (
    select
        entries.*,
        sessions.session_type
    from {{ ref('int_fastf1_entries') }} as entries
    inner join {{ ref('stg_sessions') }} as sessions on entries.session_id = sessions.session_id
),

grids as (
    select * from {{ ref('int_starting_grid') }}
),

labels as (
    select * from {{ ref('int_season_driver_labels') }}
),

fastf1_fastest as (
    -- a driver's fastest valid race/sprint lap where only Fast-F1 has the session
    select
        session_id,
        driver_number,
        min(lap_time_ms) as fastest_lap_ms,
        -- two equal times: the earlier lap set it first
        arg_min(lap_number, (lap_time_ms, lap_number)) as fastest_lap_number
    from {{ ref('stg_laps') }}
    where session_code in ('R', 'S') and lap_time_ms is not null and not is_deleted
    group by session_id, driver_number
),

history_rows as (
    select
        printf(
            '%s-%s-%s-%d', history.event_id, history.session_code, history.driver_ref,
            history.position_order
        ) as result_id,
        history.event_id || '-' || history.session_code as session_id,
        history.event_id,
        history.season,
        history.round,
        history.session_code,
        history.session_type,
        history.driver_ref,
        history.constructor_ref,
        labels.driver_code as fastf1_driver_code,
        coalesce(labels.driver_number, cast(history.car_number as varchar)) as driver_number,
        labels.team_colour_hex,
        history.position_text as classified_position,
        history.position_order,
        history.grid_position,
        history.grid_position is null and history.position_text not in ('W', 'F')
            as is_pit_lane_start,
        history.status,
        history.points,
        history.laps_completed,
        case
            when history.position_order = 1 then history.race_time_ms
            else history.race_time_ms - min(history.race_time_ms) filter (
                where history.position_order = 1
            ) over (partition by history.event_id, history.session_code)
        end as race_time_ms,
        history.fastest_lap_ms,
        history.fastest_lap_number,
        history.fastest_lap_speed_kmh,
        nullif(history.fastest_lap_rank, 0) as fastest_lap_rank,
        cast(null as bigint) as q1_ms,
        cast(null as bigint) as q2_ms,
        cast(null as bigint) as q3_ms,
        'ergast' as result_source
    from history
    left join labels on history.season = labels.season and history.driver_ref = labels.driver_ref
),

fastf1_rows as (
    select
        fastf1.session_id || '-' || fastf1.driver_number as result_id,
        fastf1.session_id,
        fastf1.event_id,
        fastf1.season,
        fastf1.round,
        fastf1.session_code,
        fastf1.session_type,
        fastf1.driver_ref,
        fastf1.constructor_ref,
        fastf1.conformed_driver_code as fastf1_driver_code,
        fastf1.driver_number,
        fastf1.team_colour_hex,
        fastf1.classified_position,
        fastf1.finish_position as position_order,
        grids.grid_position,
        coalesce(grids.is_pit_lane_start, false) as is_pit_lane_start,
        fastf1.status,
        fastf1.points,
        fastf1.laps_completed,
        fastf1.race_time_ms,
        fastf1_fastest.fastest_lap_ms,
        fastf1_fastest.fastest_lap_number,
        -- Ergast's average speed over the lap needs the lap length, which Fast-F1 lacks
        cast(null as double) as fastest_lap_speed_kmh,
        cast(null as integer) as fastest_lap_rank,
        fastf1.q1_ms,
        fastf1.q2_ms,
        fastf1.q3_ms,
        'fastf1' as result_source
    from fastf1
    left join grids
        on fastf1.session_id = grids.session_id and fastf1.driver_number = grids.driver_number
    left join fastf1_fastest
        on
            fastf1.session_id = fastf1_fastest.session_id
            and fastf1.driver_number = fastf1_fastest.driver_number
    -- precedence: the history's sheet where it has the race or sprint
    where fastf1.session_id not in (select history_rows.session_id from history_rows)
),

entries as (
    select * from history_rows
    union all
    select * from fastf1_rows
),

-- the rules (fct_results.yml), once
ruled as (
    select
        *,
        session_type in ('race', 'sprint') as is_race_like,
        regexp_full_match(coalesce(classified_position, ''), '[0-9]+') as is_classified,
        coalesce(classified_position in ('D', 'E'), false) as is_disqualified,
        coalesce(classified_position in ('R', 'N'), false) as is_dnf,
        session_type in ('race', 'sprint')
        and coalesce(classified_position not in ('W', 'F'), true) as is_start,
        case
            when session_type not in ('race', 'sprint') then cast(null as varchar)
            when regexp_full_match(coalesce(classified_position, ''), '[0-9]+') then 'classified'
            when classified_position = 'R' then 'retired'
            when classified_position = 'N' then 'not_classified'
            when classified_position = 'D' then 'disqualified'
            when classified_position = 'E' then 'excluded'
            when classified_position = 'W' then 'did_not_start'
            when classified_position = 'F' then 'did_not_qualify'
            -- live timing alone (no Ergast layer yet): the order at the flag, provisional
            when classified_position is null then 'provisional'
        end as result_kind
    from entries
),

positioned as (
    select
        *,
        case
            when is_race_like and is_classified then cast(classified_position as integer)
            when is_race_like and classified_position is null then position_order
            when not is_race_like then position_order
        end as finish_position,
        count(*) filter (where is_start) over (partition by session_id) as starters_count,
        -- fastest lap: the fastest of the drivers not disqualified (a DSQ driver's lap does
        -- not stand); Ergast's rank orders ties, then lap time
        row_number() over (
            partition by session_id
            order by
                is_disqualified asc,
                fastest_lap_rank asc nulls last,
                fastest_lap_ms asc nulls last,
                position_order asc
        ) = 1
        and is_race_like
        and not is_disqualified
        and (fastest_lap_rank is not null or fastest_lap_ms is not null) as has_fastest_lap
    from ruled
),

-- pole position (fct_results.yml): the driver on slot 1 of the Grand Prix grid, penalties
-- applied (so in 2021 the sprint's winner, unless penalised: Monza 2021 went to Verstappen);
-- in 2022, when the sprint set the grid, the fastest in qualifying (Magnussen, Sao Paulo);
-- where nobody started from slot 1 (a pit-lane start), the fastest in qualifying
sprint_weekends as (
    select distinct event_id
    from positioned
    where session_code = 'S'
),

pole_candidates as (
    select
        event_id,
        driver_ref,
        case
            when
                season = 2022
                and event_id in (select sprint_weekends.event_id from sprint_weekends)
                then 2
            else 4
        end as priority
    from {{ ref('fct_qualifying') }}
    where session_code = 'Q' and qualifying_position = 1
    union all
    select
        event_id,
        driver_ref,
        3 as priority
    from positioned
    where session_code = 'R' and grid_position = 1
),

poles as (
    select distinct
        event_id,
        driver_ref
    from pole_candidates
    -- a 1950s shared car on slot 1 credits each of its drivers
    qualify rank() over (partition by event_id order by priority) = 1
),

final as (
    select
        positioned.result_id,
        positioned.session_id,
        positioned.event_id,
        positioned.season,
        positioned.round,
        positioned.session_code,
        positioned.session_type,
        positioned.driver_ref,
        positioned.constructor_ref,
        coalesce(positioned.fastf1_driver_code, drivers.driver_code) as driver_code,
        positioned.driver_number,
        coalesce(drivers.driver_full_name, labels.driver_full_name) as driver_full_name,
        teams.team_name,
        coalesce(positioned.team_colour_hex, teams.team_colour_hex) as team_colour_hex,
        events.event_name,
        events.event_date,
        events.circuit_ref,
        positioned.finish_position,
        positioned.classified_position,
        positioned.position_order,
        positioned.result_kind,
        positioned.grid_position,
        positioned.is_pit_lane_start,
        -- a pit-lane starter lines up behind the grid: the last slot (number of starters)
        case
            when positioned.is_race_like and positioned.is_start
                then coalesce(
                    positioned.grid_position,
                    case when positioned.is_pit_lane_start then positioned.starters_count end
                )
        end as starting_grid_slot,
        cast(case
            when positioned.is_race_like and positioned.is_classified
                then coalesce(
                    positioned.grid_position,
                    case when positioned.is_pit_lane_start then positioned.starters_count end
                ) - positioned.finish_position
        end as integer) as positions_gained,
        positioned.status,
        positioned.points,
        positioned.laps_completed,
        positioned.race_time_ms,
        positioned.fastest_lap_ms,
        positioned.fastest_lap_number,
        positioned.fastest_lap_speed_kmh,
        positioned.q1_ms,
        positioned.q2_ms,
        positioned.q3_ms,
        least(positioned.q1_ms, positioned.q2_ms, positioned.q3_ms) as best_qualifying_lap_ms,
        positioned.is_start,
        positioned.is_classified,
        positioned.is_dnf,
        positioned.is_disqualified,
        positioned.is_race_like and coalesce(positioned.finish_position = 1, false) as is_winner,
        positioned.is_race_like and coalesce(positioned.finish_position <= 3, false) as is_podium,
        positioned.session_code = 'R' and poles.driver_ref is not null as is_pole,
        positioned.has_fastest_lap,
        positioned.result_source
    from positioned
    left join {{ ref('int_team_seasons') }} as teams
        on positioned.season = teams.season and positioned.constructor_ref = teams.constructor_ref
    left join {{ ref('stg_history_drivers') }} as drivers
        on positioned.driver_ref = drivers.driver_ref
    left join labels
        on positioned.season = labels.season and positioned.driver_ref = labels.driver_ref
    left join {{ ref('dim_events') }} as events on positioned.event_id = events.event_id
    left join poles
        on positioned.event_id = poles.event_id and positioned.driver_ref = poles.driver_ref
)

select * from final
