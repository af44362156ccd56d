-- Each lap and each result arrived once in the bronze partitions loaded by this build
-- (a duplicated partition file shows up as bronze_row_copies > 1 before deduplication).
select
    'stg_laps' as model_name,
    session_id,
    driver_number,
    bronze_row_copies
from {{ ref('stg_laps') }}
where bronze_row_copies > 1
union all
select
    'stg_results' as model_name,
    session_id,
    driver_number,
    bronze_row_copies
from {{ ref('stg_results') }}
where bronze_row_copies > 1
