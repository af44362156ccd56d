-- One row describing this warehouse build: when, which dbt invocation, and what it holds.
select
    '{{ invocation_id }}' as build_id,
    cast(now() at time zone 'UTC' as timestamp) as built_at,
    (select count(*) from {{ ref('dim_sessions') }}) as sessions,
    (select min(season) from {{ ref('dim_sessions') }}) as first_season,
    (select max(season) from {{ ref('dim_sessions') }}) as last_season,
    (select count(*) from {{ ref('fct_laps') }}) as laps
