-- placeholder until the bronze table lands (empty)
select
    cast(null as integer) as season,
    cast(null as integer) as round,
    cast(null as varchar) as session_code,
    cast(null as varchar) as event_id,
    cast(null as varchar) as session_id,
    cast(null as varchar) as driver_number,
    cast(null as integer) as lap_number,
    cast(null as integer) as qualifying_part
where false
