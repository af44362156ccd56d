-- depends_on: {{ source('ml', 'predictions') }}
{%- set columns = {
    'driver_race_id': 'varchar', 'event_id': 'varchar', 'driver_ref': 'varchar',
    'constructor_ref': 'varchar',
    'p_top10': 'double', 'top10_model_version': 'varchar',
    'p_podium': 'double', 'podium_model_version': 'varchar',
    'p_win': 'double', 'win_model_version': 'varchar',
    'p_dnf': 'double', 'dnf_model_version': 'varchar'
} %}
-- One row per driver per predicted race, as `python -m ml predict` wrote it (the outcome columns
-- it wrote are left out: the outcome is joined when gold is built, see fct_predictions).
with source as (
    select * from {{ predictions_scan(columns) }}
),

final as (
    select
        cast(season as integer) as season,
        cast(round as integer) as round,
        printf('%04d-%02d', cast(season as integer), cast(round as integer)) as event_id,
        cast(driver_race_id as varchar) as driver_race_id,
        cast(driver_ref as varchar) as driver_ref,
        cast(constructor_ref as varchar) as constructor_ref,
        cast(p_top10 as double) as p_top10,
        cast(p_podium as double) as p_podium,
        cast(p_win as double) as p_win,
        cast(p_dnf as double) as p_dnf,
        cast(top10_model_version as varchar) as top10_model_version,
        cast(podium_model_version as varchar) as podium_model_version,
        cast(win_model_version as varchar) as win_model_version,
        cast(dnf_model_version as varchar) as dnf_model_version
    from source
)

select * from final
