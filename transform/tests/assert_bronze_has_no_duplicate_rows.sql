{{ config(tags=['bronze_audit']) }}
-- depends_on: {{ ref('bronze_files') }}
-- Bronze must hold each lap and each result once: a duplicated partition file is an ingestion
-- fault that silver's deduplication would otherwise hide.
select
    'laps' as bronze_table,
    season,
    round,
    session,
    driver_number,
    count(*) as copies
from {{ source('bronze', 'laps') }}
group by season, round, session, driver_number, lap_number
having count(*) > 1
union all
select
    'results' as bronze_table,
    season,
    round,
    session,
    driver_number,
    count(*) as copies
from {{ source('bronze', 'results') }}
group by season, round, session, driver_number
having count(*) > 1
