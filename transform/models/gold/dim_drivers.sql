-- One row per driver code seen in results or laps, labelled from their latest result.
with appearances as (
    select
        driver_code,
        season,
        session_id,
        driver_number,
        team_name
    from {{ ref('stg_results') }}
    where driver_code is not null
    union all
    select
        driver_code,
        season,
        session_id,
        driver_number,
        team_name
    from {{ ref('stg_laps') }}
    where driver_code is not null
),

latest_result as (
    select *
    from {{ ref('stg_results') }}
    where driver_code is not null
    qualify row_number() over (
        partition by driver_code order by session_id desc
    ) = 1
),

spans as (
    select
        driver_code,
        min(season) as first_season,
        max(season) as last_season,
        count(distinct session_id) as sessions_count,
        arg_max(driver_number, session_id) as latest_driver_number,
        arg_max(team_name, session_id) as latest_team_name
    from appearances
    group by driver_code
)

select
    spans.driver_code,
    coalesce(latest_result.driver_full_name, spans.driver_code) as driver_full_name,
    latest_result.first_name,
    latest_result.last_name,
    latest_result.broadcast_name,
    latest_result.driver_ergast_id,
    latest_result.driver_country_code,
    latest_result.headshot_url,
    coalesce(latest_result.driver_number, spans.latest_driver_number) as latest_driver_number,
    coalesce(latest_result.team_name, spans.latest_team_name) as latest_team_name,
    latest_result.team_colour_hex as latest_team_colour_hex,
    spans.first_season,
    spans.last_season,
    spans.sessions_count,
    driver_identity.driver_ref,
    history.nationality
from spans
left join latest_result on spans.driver_code = latest_result.driver_code
-- one identity across sources (Ergast driver_ref, see int_history_driver_identity)
left join {{ ref('int_history_driver_identity') }} as driver_identity
    on spans.driver_code = driver_identity.driver_code
left join {{ ref('stg_history_drivers') }} as history
    on driver_identity.driver_ref = history.driver_ref
