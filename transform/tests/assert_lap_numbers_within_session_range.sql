-- Lap numbers start at 1 and, in races and sprints, never exceed the winner's lap count.
with winner_laps as (
    select
        session_id,
        max(laps_completed) as winner_laps
    from {{ ref('fct_results') }}
    where is_winner
    group by session_id
)

select
    laps.lap_id,
    laps.lap_number,
    winner_laps.winner_laps
from {{ ref('fct_laps') }} as laps
left join winner_laps on laps.session_id = winner_laps.session_id
where
    laps.lap_number < 1
    or laps.lap_number > winner_laps.winner_laps
