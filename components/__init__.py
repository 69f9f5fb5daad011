"""Reusable Streamlit widgets that draw core objects (the core itself never imports streamlit)."""
