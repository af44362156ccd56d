"""The F1 statisticians' career rules as SQL over the Ergast CSV views (the expected side of
test_careers; never the models). See the suite's README section for the rules in words."""

from __future__ import annotations

STARTED = "positionText not in ('W', 'F')"  # W withdrawn / did not start, F failed to qualify

# Pole position as F1's records credit it: the driver on slot 1 of the Grand Prix grid, penalties
# applied (Mexico 2019, Spa 2023/2024 went to the driver promoted to slot 1; in 2021 the sprint
# set the grid: Monza 2021 is Verstappen's); in 2022, when the sprint set the grid, the fastest
# in qualifying (Magnussen, Sao Paulo 2022); where nobody started from slot 1, the fastest in
# qualifying. A 1950s shared car on slot 1 credits each of its drivers (Fangio 29).
POLE_SITTERS = """
with sprint_2022 as (
    select raceId from sprint_results join races using (raceId) where year = 2022 group by 1
),
slot_one as (
    select raceId, driverId, constructorId from results
    where grid = 1 and raceId not in (select raceId from sprint_2022)
),
sitters as (
    select * from slot_one
    union all
    select raceId, driverId, constructorId from qualifying
    where position = 1 and raceId not in (select raceId from slot_one)
)
select * from sitters
"""

FASTEST = """
select raceId, driverId, constructorId from (
    select *, min(rank) over (partition by raceId) as best from results
    where rank >= 1 and positionText <> 'D'
) where rank = best
"""

COMPLETE_SEASONS = """
select year from races group by year
having count(*) = count(*) filter (where raceId in (select raceId from results))
"""


def final_rounds(table: str) -> str:
    """Each season's standings after its last round in `table`."""
    return f"""
    select s.*, r.year from {table} s join races r using (raceId)
    where (r.year, r.round) in (
        select (year, max(round)) from {table} join races using (raceId) group by year
    )"""


DRIVERS = f"""
with entries as (select * from results),
starts as (select driverId, count(distinct raceId) as n from entries where {STARTED} group by 1),
wins as (select driverId, count(distinct raceId) as n from entries where positionText = '1'
         group by 1),
podiums as (select driverId, count(*) as n from entries where positionText in ('1', '2', '3')
            group by 1),
poles as (select driverId, count(distinct raceId) as n from ({POLE_SITTERS}) group by 1),
fastest as (select driverId, count(distinct raceId) as n from ({FASTEST}) group by 1),
points as (
    select driverId, sum(points) as n from (
        select driverId, points from results union all select driverId, points from sprint_results
    ) group by 1
),
final as ({final_rounds("driver_standings")}),
champ_points as (select driverId, sum(points) as n from final where positionText <> 'E' group by 1),
titles as (select driverId, count(*) as n from final
           where position = 1 and year in ({COMPLETE_SEASONS}) group by 1)
select d.driverRef, coalesce(starts.n, 0), coalesce(wins.n, 0), coalesce(podiums.n, 0),
    coalesce(poles.n, 0), coalesce(fastest.n, 0), coalesce(points.n, 0),
    coalesce(champ_points.n, 0), coalesce(titles.n, 0)
from drivers d
left join starts using (driverId) left join wins using (driverId)
left join podiums using (driverId) left join poles using (driverId)
left join fastest using (driverId) left join points using (driverId)
left join champ_points using (driverId) left join titles using (driverId)
"""

CONSTRUCTORS = f"""
with entries as (select * from results),
starts as (select constructorId, count(distinct raceId) as n from entries where {STARTED}
           group by 1),
wins as (select constructorId, count(distinct raceId) as n from entries
         where positionText = '1' group by 1),
podiums as (select constructorId, count(*) as n from entries
            where positionText in ('1', '2', '3') group by 1),
poles as (select constructorId, count(distinct raceId) as n from ({POLE_SITTERS}) group by 1),
final as ({final_rounds("constructor_standings")}),
points as (
    select constructorId, sum(points) as n from final
    where positionText <> 'E' group by 1  -- excluded: McLaren 2007
),
titles as (select constructorId, count(*) as n from final
           where position = 1 and year in ({COMPLETE_SEASONS}) group by 1)
select c.constructorRef, coalesce(starts.n, 0), coalesce(wins.n, 0), coalesce(podiums.n, 0),
    coalesce(poles.n, 0), coalesce(points.n, 0), coalesce(titles.n, 0)
from constructors c
left join starts using (constructorId) left join wins using (constructorId)
left join podiums using (constructorId) left join poles using (constructorId)
left join points using (constructorId) left join titles using (constructorId)
where constructorId in (select constructorId from results)
"""
