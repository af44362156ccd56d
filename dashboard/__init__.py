"""Streamlit dashboard over the F1 warehouse, with the AI Copilot page."""
