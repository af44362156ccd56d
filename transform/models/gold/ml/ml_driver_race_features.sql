-- One row per driver per championship race since 1950 (plus the races still to run),
-- with ONLY what is known before the race starts. Every rolling window ends one race before the
-- row's own race (`rows between N preceding and 1 preceding`), so a race's outcome never reaches
-- its own features or any earlier race's.
-- The rules (a start, DNF, a pit-lane starter's grid slot) are gold.fct_results' own columns.
with races as (
    select
        season,
        round,
        circuit_ref,
        event_date as race_date,
        event_name as race_name
    from {{ ref('dim_events') }}
),

results as (
    select * from {{ ref('fct_results') }}
    where session_code = 'R'
),

qualifying as (
    select * from {{ ref('fct_qualifying') }}
    where session_code = 'Q'
),

-- Shared drives of the 1950s give a driver two rows in one race: keep the better one.
started as (
    select *
    from results
    where is_start
    qualify row_number() over (
        partition by season, round, driver_ref order by position_order
    ) = 1
),

run_rounds as (
    select distinct
        season,
        round
    from started
),

-- Races with no result yet in a season that has begun (still to run, or not in the data yet):
-- entered by the drivers of the season's latest race before them.
entry_rounds as (
    select
        races.season,
        races.round,
        max(run_rounds.round) as entry_round
    from races
    inner join run_rounds
        on races.season = run_rounds.season and races.round > run_rounds.round
    left join run_rounds as already_run
        on races.season = already_run.season and races.round = already_run.round
    where already_run.round is null
    group by races.season, races.round
),

upcoming as (
    select
        entry_rounds.season,
        entry_rounds.round,
        started.driver_ref,
        started.constructor_ref
    from entry_rounds
    inner join started
        on entry_rounds.season = started.season and entry_rounds.entry_round = started.round
),

entries as (
    select
        season,
        round,
        driver_ref,
        constructor_ref,
        starting_grid_slot,
        finish_position,
        is_dnf,
        points,
        true as has_result
    from started
    union all
    select
        season,
        round,
        driver_ref,
        constructor_ref,
        null as starting_grid_slot,
        null as finish_position,
        null as is_dnf,
        null as points,
        false as has_result
    from upcoming
),

race_order as (
    select
        season,
        round,
        circuit_ref,
        race_date,
        race_name,
        dense_rank() over (order by season, round) as race_seq,
        count(*) over (partition by season) as season_rounds
    from races
),

field as (
    select
        season,
        round,
        count(*) as field_size
    from entries
    group by season, round
),

best_qualifying as (
    select
        season,
        round,
        driver_ref,
        least(q1_ms, q2_ms, q3_ms) as best_qualifying_ms
    from qualifying
    qualify row_number() over (
        partition by season, round, driver_ref order by qualifying_position
    ) = 1
),

-- Stage 1 (qualifying pace): the weekend's practice laps set BEFORE qualifying started (a
-- 2021-22 sprint weekend ran FP2 after qualifying: left out), from Fast-F1 where it has them.
qualifying_start as (
    select
        season,
        round,
        case 'Qualifying'
            when session_1_name then session_1_start_at
            when session_2_name then session_2_start_at
            when session_3_name then session_3_start_at
            when session_4_name then session_4_start_at
            when session_5_name then session_5_start_at
        end as qualifying_start_at
    from {{ ref('stg_events') }}
),

practice_laps as (
    select
        laps.season,
        laps.round,
        laps.driver_code,
        min(laps.lap_time_ms) as best_practice_ms
    from {{ ref('fct_laps') }} as laps
    inner join {{ ref('dim_sessions') }} as sessions
        on laps.session_id = sessions.session_id
    inner join qualifying_start
        on laps.season = qualifying_start.season and laps.round = qualifying_start.round
    where
        laps.session_code in ('FP1', 'FP2', 'FP3')
        and sessions.session_start_at < qualifying_start.qualifying_start_at
        and laps.lap_time_ms > 0
        and not coalesce(laps.is_deleted, false)
    group by laps.season, laps.round, laps.driver_code
),

-- Fast-F1's three-letter code -> Ergast driver_ref: the season's results (latest round first)
season_codes as (
    select
        season,
        driver_code,
        driver_ref
    from {{ ref('fct_results') }}
    where driver_code is not null
    qualify row_number() over (partition by season, driver_code order by round desc) = 1
),

practice as (
    select
        practice_laps.season,
        practice_laps.round,
        season_codes.driver_ref,
        (
            practice_laps.best_practice_ms
            / min(practice_laps.best_practice_ms)
                over (
                    partition by practice_laps.season, practice_laps.round
                )
            - 1
        ) * 100 as practice_gap_pct
    from practice_laps
    inner join season_codes
        on
            practice_laps.season = season_codes.season
            and practice_laps.driver_code = season_codes.driver_code
),

labelled as (
    select
        entries.*,
        race_order.circuit_ref,
        race_order.race_date,
        race_order.race_name,
        race_order.race_seq,
        race_order.season_rounds,
        field.field_size,
        best_qualifying.best_qualifying_ms,
        practice.practice_gap_pct,
        entries.starting_grid_slot as grid_slot,
        case
            when entries.has_result then entries.finish_position is not null
        end as is_classified,
        entries.is_dnf
    from entries
    inner join race_order
        on entries.season = race_order.season and entries.round = race_order.round
    inner join field
        on entries.season = field.season and entries.round = field.round
    left join best_qualifying
        on
            entries.season = best_qualifying.season
            and entries.round = best_qualifying.round
            and entries.driver_ref = best_qualifying.driver_ref
    left join practice
        on
            entries.season = practice.season
            and entries.round = practice.round
            and entries.driver_ref = practice.driver_ref
),

pole as (
    select
        season,
        round,
        min(best_qualifying_ms) as pole_ms
    from labelled
    group by season, round
),

team_races as (
    select
        labelled.constructor_ref,
        labelled.race_seq,
        sum(labelled.points) as team_points,
        avg(cast(labelled.is_dnf as double)) as team_dnf_share,
        -- the team's faster car in qualifying: its pace
        (min(labelled.best_qualifying_ms) / any_value(pole.pole_ms) - 1) * 100 as team_quali_gap
    from labelled
    left join pole
        on labelled.season = pole.season and labelled.round = pole.round
    where labelled.has_result
    group by labelled.constructor_ref, labelled.race_seq
),

-- The team's form over its last five races up to and including each race it ran; a row takes
-- the latest of these strictly before its own race (asof join below).
team_form as (
    select
        constructor_ref,
        race_seq,
        avg(team_points) over team_last5 as team_points_last5,
        avg(team_dnf_share) over team_last5 as team_dnf_rate_last5,
        avg(team_quali_gap) over team_last5 as team_quali_gap_last5
    from team_races
    window team_last5 as (
        partition by constructor_ref order by race_seq
        rows between 4 preceding and current row
    )
),

with_windows as (
    select
        labelled.*,
        (labelled.best_qualifying_ms / pole.pole_ms - 1) * 100 as qualifying_gap_to_pole_pct,
        labelled.round / labelled.season_rounds as season_progress,
        -- stage 1 inputs: the driver's previous qualifying gaps and grid slot (last known)
        last_value((labelled.best_qualifying_ms / pole.pole_ms - 1) * 100 ignore nulls)
            over driver_before as driver_quali_gap_last,
        avg((labelled.best_qualifying_ms / pole.pole_ms - 1) * 100) over driver_last5
            as driver_quali_gap_last5,
        last_value(labelled.grid_slot ignore nulls) over driver_before as driver_grid_last,
        count(*) filter (where labelled.has_result) over driver_before as driver_prior_starts,
        avg(labelled.points) over driver_last5 as driver_points_last5,
        avg(cast(labelled.is_classified as double)) over driver_last5
            as driver_finish_rate_last5,
        avg(cast(labelled.is_dnf as double)) over driver_last5 as driver_dnf_rate_last5,
        avg(labelled.finish_position) over driver_last5 as driver_avg_finish_last5,
        sum(labelled.points) over driver_season_before as driver_season_points_before,
        count(*) filter (where labelled.has_result) over driver_circuit_before
            as driver_circuit_starts,
        avg(labelled.finish_position) over driver_circuit_before as driver_circuit_avg_finish,
        count(*) filter (where labelled.finish_position = 1) over driver_circuit_before
            as driver_circuit_wins
    from labelled
    left join pole
        on labelled.season = pole.season and labelled.round = pole.round
    window
        driver_before as (
            partition by labelled.driver_ref order by labelled.race_seq
            rows between unbounded preceding and 1 preceding
        ),
        driver_last5 as (
            partition by labelled.driver_ref order by labelled.race_seq
            rows between 5 preceding and 1 preceding
        ),
        driver_season_before as (
            partition by labelled.driver_ref, labelled.season order by labelled.race_seq
            rows between unbounded preceding and 1 preceding
        ),
        driver_circuit_before as (
            partition by labelled.driver_ref, labelled.circuit_ref order by labelled.race_seq
            rows between unbounded preceding and 1 preceding
        )
),

teammates as (
    select
        season,
        round,
        constructor_ref,
        avg(grid_slot) as team_avg_grid_slot,
        avg(coalesce(driver_points_last5, 0)) as team_avg_driver_points_last5,
        count(*) as team_entries
    from with_windows
    group by season, round, constructor_ref
),

final as (
    select
        with_windows.season,
        with_windows.round,
        with_windows.race_name,
        with_windows.race_date,
        with_windows.circuit_ref,
        with_windows.driver_ref,
        with_windows.constructor_ref,
        with_windows.has_result,
        with_windows.grid_slot,
        with_windows.field_size,
        with_windows.qualifying_gap_to_pole_pct,
        with_windows.season_progress,
        with_windows.driver_prior_starts,
        with_windows.driver_finish_rate_last5,
        with_windows.driver_dnf_rate_last5,
        with_windows.driver_avg_finish_last5,
        with_windows.driver_circuit_starts,
        with_windows.driver_circuit_avg_finish,
        with_windows.driver_circuit_wins,
        team_form.team_points_last5,
        team_form.team_dnf_rate_last5,
        with_windows.driver_quali_gap_last,
        with_windows.driver_quali_gap_last5,
        with_windows.driver_grid_last,
        team_form.team_quali_gap_last5,
        with_windows.practice_gap_pct,
        with_windows.finish_position,
        with_windows.is_dnf,
        printf('%04d-%02d-%s', with_windows.season, with_windows.round, with_windows.driver_ref)
            as driver_race_id,
        printf('%04d-%02d', with_windows.season, with_windows.round) as event_id,
        coalesce(with_windows.driver_points_last5, 0) as driver_points_last5,
        coalesce(with_windows.driver_season_points_before, 0) as driver_season_points_before,
        -- teammate comparison: this driver against the mean of the team's entries in the race
        case
            when teammates.team_entries > 1
                then with_windows.grid_slot - teammates.team_avg_grid_slot
        end as grid_slot_vs_team,
        case
            when teammates.team_entries > 1
                then
                    coalesce(with_windows.driver_points_last5, 0)
                    - teammates.team_avg_driver_points_last5
        end as points_last5_vs_team,
        -- targets (null for races still to run)
        case
            when with_windows.has_result then coalesce(with_windows.finish_position <= 10, false)
        end as is_top10,
        case
            when with_windows.has_result then coalesce(with_windows.finish_position <= 3, false)
        end as is_podium,
        case
            when with_windows.has_result then coalesce(with_windows.finish_position = 1, false)
        end as is_win
    from with_windows
    left join teammates
        on
            with_windows.season = teammates.season
            and with_windows.round = teammates.round
            and with_windows.constructor_ref = teammates.constructor_ref
    asof left join team_form
        on
            with_windows.constructor_ref = team_form.constructor_ref
            and with_windows.race_seq > team_form.race_seq
)

select * from final
