"""HTTP routes of the copilot: /ask, /health, /schema."""
