-- depends_on: {{ source('bronze_history', 'races') }}
{%- set columns = [
    'season', 'round', 'race_name', 'circuit_ref', 'date', 'time', 'quali_date',
    'sprint_date', 'url'
] %}
-- One row per championship race (Grand Prix) since 1950.
with source as (
    select * from {{ history_scan('races', columns, optional=['ergast_id']) }}
),

final as (
    select
        cast(season as integer) as season,
        cast(round as integer) as round,
        printf('%04d-%02d', cast(season as integer), cast(round as integer)) as event_id,
        cast(race_name as varchar) as race_name,
        cast(circuit_ref as varchar) as circuit_ref,
        cast(date as date) as race_date,
        cast(time as varchar) as race_start_time_utc,
        cast(quali_date as date) as qualifying_date,
        cast(sprint_date as date) as sprint_date,
        cast(url as varchar) as wikipedia_url,
        cast(ergast_id as integer) as race_id
    from source
)

select * from final
