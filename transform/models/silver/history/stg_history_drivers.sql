-- depends_on: {{ source('bronze_history', 'drivers') }}
{%- set columns = [
    'driver_ref', 'number', 'code', 'forename', 'surname', 'dob', 'nationality', 'url'
] %}
-- One row per driver who entered a championship race.
with source as (
    select * from {{ history_scan('drivers', columns, optional=['ergast_id']) }}
),

final as (
    select
        cast(driver_ref as varchar) as driver_ref,
        cast(ergast_id as integer) as driver_id,
        cast(number as integer) as permanent_number,
        cast(code as varchar) as driver_code,
        cast(forename as varchar) as first_name,
        cast(surname as varchar) as last_name,
        cast(forename as varchar) || ' ' || cast(surname as varchar) as driver_full_name,
        cast(dob as date) as date_of_birth,
        trim(cast(nationality as varchar)) as nationality,
        cast(url as varchar) as wikipedia_url
    from source
)

select * from final
