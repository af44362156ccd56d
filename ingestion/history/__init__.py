"""Ergast history (1950-): an Ergast-format CSV dump or Jolpica via Fast-F1 -> bronze/history."""
