-- One row per race or sprint classified by BOTH sources: Fast-F1 (its own results, silver) and
-- the Ergast history (whose sheet gold.fct_results serves for such a session). They agree when
-- every driver has the same finishing order and points in both (drivers matched by the Ergast id
-- Fast-F1 reports). A driver Fast-F1 gives no position (did not start, e.g. withdrew) is compared
-- on points only: Ergast still lists them last on the sheet (position_order), Fast-F1 leaves the
-- position empty.
with fastf1 as (
    select
        season,
        round,
        session_code,
        finish_position,
        points,
        driver_ergast_id as driver_ref
    from {{ ref('stg_results') }}
    -- a classification with the official points (not live timing alone)
    where session_code in ('R', 'S') and points is not null
),

history as (
    select
        season,
        round,
        session_code,
        driver_ref,
        position_order,
        points
    from {{ ref('int_history_session_results') }}
),

both_sources as (
    select distinct
        fastf1.season,
        fastf1.round,
        fastf1.session_code
    from fastf1
    inner join history
        on
            fastf1.season = history.season
            and fastf1.round = history.round
            and fastf1.session_code = history.session_code
),

fastf1_both as (
    select fastf1.*
    from fastf1
    inner join both_sources
        on
            fastf1.season = both_sources.season
            and fastf1.round = both_sources.round
            and fastf1.session_code = both_sources.session_code
),

history_both as (
    select history.*
    from history
    inner join both_sources
        on
            history.season = both_sources.season
            and history.round = both_sources.round
            and history.session_code = both_sources.session_code
),

compared as (
    select
        coalesce(fastf1_both.season, history_both.season) as season,
        coalesce(fastf1_both.round, history_both.round) as round,
        coalesce(fastf1_both.session_code, history_both.session_code) as session_code,
        fastf1_both.finish_position,
        history_both.position_order,
        fastf1_both.driver_ref is not null and history_both.driver_ref is not null as in_both,
        fastf1_both.points as fastf1_points,
        history_both.points as history_points
    from fastf1_both
    full outer join history_both
        on
            fastf1_both.season = history_both.season
            and fastf1_both.round = history_both.round
            and fastf1_both.session_code = history_both.session_code
            and fastf1_both.driver_ref = history_both.driver_ref
),

final as (
    select
        printf('%04d-%02d-%s', season, round, session_code) as session_id,
        season,
        round,
        session_code,
        count(*) as drivers_compared,
        count(*) filter (
            where not in_both or finish_position != position_order
            or coalesce(fastf1_points, 0) != coalesce(history_points, 0)
        ) as disagreements,
        count(*) filter (
            where not in_both or finish_position != position_order
            or coalesce(fastf1_points, 0) != coalesce(history_points, 0)
        ) = 0 as sources_agree
    from compared
    group by season, round, session_code
)

select * from final
