-- One row per driver per predicted race: the probabilities `python -m ml predict` gave, the
-- driver and team from the Ergast dimensions, and what happened once the race has a result
-- (joined when gold is built, so a race predicted before it was run shows its outcome after the
-- next history ingest and build).
with predictions as (
    select * from {{ ref('stg_ml_predictions') }}
),

features as (
    select * from {{ ref('ml_driver_race_features') }}
),

races as (
    select * from {{ ref('stg_history_races') }}
),

drivers as (
    select * from {{ ref('stg_history_drivers') }}
),

constructors as (
    select * from {{ ref('stg_history_constructors') }}
),

-- A race is run once any of its entries has a result.
race_status as (
    select
        event_id,
        bool_or(has_result) as is_race_run
    from features
    group by event_id
),

ranked as (
    select
        predictions.*,
        rank() over (partition by predictions.event_id order by predictions.p_win desc)
            as predicted_win_rank,
        rank() over (partition by predictions.event_id order by predictions.p_podium desc)
            as predicted_podium_rank
    from predictions
),

final as (
    select
        ranked.driver_race_id,
        ranked.season,
        ranked.round,
        ranked.event_id,
        races.race_name,
        races.race_date,
        races.circuit_ref,
        ranked.driver_ref,
        -- Ergast's three-letter code; drivers from before codes (pre-2000s) get their surname's
        -- first three letters, so every row has a label.
        coalesce(
            drivers.driver_code,
            upper(left(drivers.last_name, 3)),
            upper(left(ranked.driver_ref, 3))
        ) as driver_code,
        coalesce(drivers.driver_full_name, ranked.driver_ref) as driver_full_name,
        ranked.constructor_ref,
        coalesce(constructors.constructor_name, ranked.constructor_ref) as constructor_name,
        features.grid_slot,
        ranked.p_top10,
        ranked.p_podium,
        ranked.p_win,
        ranked.p_dnf,
        ranked.predicted_win_rank,
        ranked.predicted_podium_rank,
        ranked.top10_model_version,
        ranked.podium_model_version,
        ranked.win_model_version,
        ranked.dnf_model_version,
        coalesce(race_status.is_race_run, false) as is_race_run,
        -- the outcome (null until the race is run, and for a predicted driver who did not start)
        features.finish_position as actual_finish_position,
        features.is_top10 as actual_top10,
        features.is_podium as actual_podium,
        features.is_win as actual_win,
        features.is_dnf as actual_dnf
    from ranked
    left join features
        on ranked.driver_race_id = features.driver_race_id and features.has_result
    left join race_status on ranked.event_id = race_status.event_id
    left join races on ranked.event_id = races.event_id
    left join drivers on ranked.driver_ref = drivers.driver_ref
    left join constructors on ranked.constructor_ref = constructors.constructor_ref
)

select * from final
