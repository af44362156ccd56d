-- One row per session with weather samples: temperatures, humidity, wind and rain.
select
    weather.session_id,
    any_value(weather.event_id) as event_id,
    any_value(weather.season) as season,
    any_value(weather.round) as round,
    any_value(weather.session_code) as session_code,
    count(*) as weather_samples,
    avg(weather.air_temp_c) as air_temp_avg_c,
    min(weather.air_temp_c) as air_temp_min_c,
    max(weather.air_temp_c) as air_temp_max_c,
    avg(weather.track_temp_c) as track_temp_avg_c,
    min(weather.track_temp_c) as track_temp_min_c,
    max(weather.track_temp_c) as track_temp_max_c,
    avg(weather.humidity_pct) as humidity_avg_pct,
    avg(weather.pressure_mbar) as pressure_avg_mbar,
    avg(weather.wind_speed_ms) as wind_speed_avg_ms,
    max(weather.wind_speed_ms) as wind_speed_max_ms,
    coalesce(bool_or(weather.is_rainfall), false) as had_rainfall,
    avg(cast(coalesce(weather.is_rainfall, false) as integer)) as rainfall_sample_share
from {{ ref('stg_weather') }} as weather
group by weather.session_id
