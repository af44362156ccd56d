-- depends_on: {{ ref('bronze_files') }}
-- One row per driver of an OpenF1 session: number, three-letter code and team.
with source as (
    select * from {{ openf1_scan('drivers', {
        'driver_number': 'bigint', 'name_acronym': 'varchar', 'team_name': 'varchar',
        'full_name': 'varchar'
    }) }}
),

typed as (
    select
        {{ partition_keys() }},
        cast(driver_number as varchar) as driver_number,
        upper({{ clean_text('name_acronym') }}) as driver_code,
        {{ clean_text('team_name') }} as team_name,
        {{ clean_text('full_name') }} as driver_full_name,
        cast(timezone('UTC', ingested_at) as timestamp) as ingested_at
    from source
),

final as (
    select * from typed
    qualify row_number() over (
        partition by session_id, driver_number order by ingested_at desc
    ) = 1
)

select * from final
