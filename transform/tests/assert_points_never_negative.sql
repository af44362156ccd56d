-- Championship points are never negative, in results or in the standings.
select
    result_id as offending_row,
    points
from {{ ref('fct_results') }}
where points < 0
union all
select
    standing_id as offending_row,
    points_in_round as points
from {{ ref('fct_driver_standings') }}
where points_in_round < 0 or points < 0
