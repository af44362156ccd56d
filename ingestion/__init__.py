"""Bronze layer: Fast-F1 race weekends to hive-partitioned Parquet on the data root."""
