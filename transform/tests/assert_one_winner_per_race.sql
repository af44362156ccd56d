-- Every race and sprint with a classification has exactly one winner (position 1).
select
    session_id,
    count(*) filter (where finish_position = 1) as winners
from {{ ref('fct_results') }}
where
    session_type in ('race', 'sprint')
    and season >= 1958  -- shared drives (two drivers, one car, both winners) until 1957
group by session_id
having
    count(*) filter (where finish_position is not null) > 0
    and count(*) filter (where finish_position = 1) != 1
