"""OpenF1 (https://openf1.org) → bronze/openf1/<endpoint>/: the third source (see cli.py)."""
