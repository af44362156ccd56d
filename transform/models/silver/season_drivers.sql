-- Which driver code a car number stood for in a season: the most frequent code in that season's
-- results, else the code that number had in the nearest season. Fills sessions whose Fast-F1
-- data lacks driver codes (e.g. 2020 70th Anniversary FP2, where #27 HUL stood in).
with code_counts as (
    select
        season,
        driver_number,
        driver_code,
        count(*) as sessions_count
    from {{ ref('stg_results') }}
    where driver_code is not null
    group by season, driver_number, driver_code
),

known as (
    -- ties between codes go to the alphabetically first, so every build gives the same answer
    select
        season,
        driver_number,
        driver_code
    from code_counts
    qualify row_number() over (
        partition by season, driver_number order by sessions_count desc, driver_code asc
    ) = 1
),

pairs as (
    select distinct
        season,
        driver_number
    from {{ ref('stg_results') }}
)

select
    pairs.season,
    pairs.driver_number,
    coalesce(
        any_value(same_season.driver_code),
        arg_min(
            other_season.driver_code,
            abs(other_season.season - pairs.season) * 10000 - other_season.season
        )
    ) as driver_code,
    any_value(same_season.driver_code) is null as is_from_other_season
from pairs
left join known as same_season
    on
        pairs.season = same_season.season
        and pairs.driver_number = same_season.driver_number
left join known as other_season
    on pairs.driver_number = other_season.driver_number
group by pairs.season, pairs.driver_number
