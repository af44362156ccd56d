-- One row per circuit in the Ergast record, with the seasons and number of championship
-- Grands Prix it held (dim_events).
with circuits as (
    select * from {{ ref('stg_history_circuits') }}
),

held as (
    select
        circuit_ref,
        count(*) as events_count,
        min(season) as first_season,
        max(season) as last_season
    from {{ ref('dim_events') }}
    where circuit_ref is not null
    group by circuit_ref
),

final as (
    select
        circuits.circuit_ref,
        circuits.circuit_id,
        circuits.circuit_name,
        circuits.locality,
        {{ conformed_country('circuits.country') }} as country,
        circuits.latitude,
        circuits.longitude,
        coalesce(held.events_count, 0) as events_count,
        held.first_season,
        held.last_season
    from circuits
    left join held on circuits.circuit_ref = held.circuit_ref
)

select * from final
