-- One row per team per season 1950-today: the one name every mart shows for that team in that
-- season, its colour and family (the rule lives in silver.int_team_seasons, read by the marts).
select * from {{ ref('int_team_seasons') }}
