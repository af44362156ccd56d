{{ season_incremental_config() }}
-- The drivers' championship after every round since 1950 (rules in fct_driver_standings.yml):
-- the Ergast history's standings (the record, each era's dropped-score rules applied) where it
-- has the round, else computed from gold.fct_results by today's rules (macro computed_standings).
-- Built season by season: an incremental build recomputes only the seasons in its scope.
with history as (
    select * from {{ ref('stg_history_driver_standings') }}
    where {{ season_in_scope() }}
),

computed as (
    {{ computed_standings('driver_ref') }}
),

history_rows as (
    select
        history.season,
        history.round,
        history.driver_ref,
        coalesce(computed.points_in_round, 0) as points_in_round,
        history.points,
        history.championship_position as position,
        history.position_text,
        history.wins,
        true as is_round_complete,
        0 as rounds_missing_to_date,
        'ergast' as standings_source
    from history
    left join computed
        on
            history.season = computed.season
            and history.round = computed.round
            and history.driver_ref = computed.driver_ref
),

history_rounds as (
    select distinct
        season,
        round
    from history
),

computed_rows as (
    select
        computed.*,
        cast(computed.position as varchar) as position_text,
        'computed' as standings_source
    from computed
    left join history_rounds
        on computed.season = history_rounds.season and computed.round = history_rounds.round
    where history_rounds.season is null
),

unioned as (
    select * from history_rows
    union all by name
    select * from computed_rows
),

final as (
    select
        printf('%04d-%02d-%s', unioned.season, unioned.round, unioned.driver_ref) as standing_id,
        printf('%04d-%02d', unioned.season, unioned.round) as event_id,
        unioned.season,
        unioned.round,
        unioned.driver_ref,
        coalesce(labels.driver_code, drivers.driver_code) as driver_code,
        coalesce(drivers.driver_full_name, labels.driver_full_name) as driver_full_name,
        unioned.points_in_round,
        unioned.points,
        unioned.position,
        unioned.position_text,
        unioned.wins,
        unioned.is_round_complete,
        unioned.rounds_missing_to_date,
        unioned.rounds_missing_to_date = 0 as is_standing_complete,
        unioned.standings_source
    from unioned
    left join {{ ref('int_season_driver_labels') }} as labels
        on unioned.season = labels.season and unioned.driver_ref = labels.driver_ref
    left join {{ ref('stg_history_drivers') }} as drivers
        on unioned.driver_ref = drivers.driver_ref
)

select * from final
