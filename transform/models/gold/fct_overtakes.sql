-- One row per overtake OpenF1 recorded (races and sprints since 2023), with both drivers' codes.
with overtakes as (
    select * from {{ ref('stg_openf1_overtakes') }}
),

drivers as (
    select distinct
        session_id,
        driver_number,
        driver_code,
        team_name
    from {{ ref('int_openf1_laps') }}
    union
    select
        session_id,
        driver_number,
        driver_code,
        team_name
    from {{ ref('stg_openf1_drivers') }}
),

named as (
    select
        overtakes.*,
        overtaking.driver_code as overtaking_driver_code,
        overtaking.team_name as overtaking_team_name,
        overtaken.driver_code as overtaken_driver_code
    from overtakes
    left join drivers as overtaking
        on
            overtakes.session_id = overtaking.session_id
            and overtakes.overtaking_driver_number = overtaking.driver_number
    left join drivers as overtaken
        on
            overtakes.session_id = overtaken.session_id
            and overtakes.overtaken_driver_number = overtaken.driver_number
    qualify row_number() over (
        partition by
            overtakes.session_id, overtakes.overtake_at, overtakes.overtaking_driver_number,
            overtakes.overtaken_driver_number
        order by overtaking.driver_code, overtaken.driver_code
    ) = 1
),

final as (
    select
        session_id,
        event_id,
        season,
        round,
        session_code,
        overtake_at,
        position_gained,
        overtaking_driver_number,
        overtaking_driver_code,
        overtaking_team_name,
        overtaken_driver_number,
        overtaken_driver_code,
        'openf1' as overtake_source
    from named
)

select * from final
order by session_id, overtake_at
