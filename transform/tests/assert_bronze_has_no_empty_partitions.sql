{{ config(tags=['bronze_audit']) }}
-- depends_on: {{ ref('bronze_files') }}
-- A bronze partition file with no rows means a session was written empty (sessions without a
-- table are recorded in the manifest as no_data and have no file at all).
select
    file_name,
    num_rows
from parquet_file_metadata('{{ data_root() }}/bronze/*/season=*/**/*.parquet')
where num_rows = 0
