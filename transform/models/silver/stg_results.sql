{{ session_incremental_config(on_schema_change='append_new_columns') }}
-- depends_on: {{ source('bronze', 'results') }}
-- depends_on: {{ ref('bronze_files') }}
-- One row per driver per session: Fast-F1 `Session.results`, typed and renamed.
with source as (
    select * from {{ incremental_bronze_scan('results') }}
),

typed as (
    select
        {{ partition_keys() }},
        cast(driver_number as varchar) as driver_number,
        upper({{ clean_text('abbreviation') }}) as driver_code,
        {{ clean_text('broadcast_name') }} as broadcast_name,
        {{ clean_text('driver_id') }} as driver_ergast_id,
        {{ clean_text('first_name') }} as first_name,
        {{ clean_text('last_name') }} as last_name,
        {{ clean_text('full_name') }} as driver_full_name,
        {{ clean_text('headshot_url') }} as headshot_url,
        {{ clean_text('country_code') }} as driver_country_code,
        {{ clean_text('team_name') }} as team_name,
        {{ clean_text('team_id') }} as team_id,
        case
            when regexp_full_match(cast(team_color as varchar), '[0-9A-Fa-f]{6}')
                then '#' || upper(cast(team_color as varchar))
        end as team_colour_hex,
        cast(position as integer) as finish_position,
        {{ clean_text('classified_position') }} as classified_position,
        cast(nullif(grid_position, 0) as integer) as grid_position,
        {{ us_to_ms('q1_us') }} as q1_ms,
        {{ us_to_ms('q2_us') }} as q2_ms,
        {{ us_to_ms('q3_us') }} as q3_ms,
        {{ us_to_ms('time_us') }} as race_time_ms,
        {{ clean_text('status') }} as status,
        cast(points as double) as points,
        cast(laps as integer) as laps_completed,
        cast(ingested_at as timestamp) as ingested_at
    from source
    where driver_number is not null
)

select
    *,
    count(*) over (partition by session_id, driver_number) as bronze_row_copies
from typed
qualify row_number() over (
    partition by session_id, driver_number order by ingested_at desc
) = 1
