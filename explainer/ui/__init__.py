"""Shared Streamlit widgets: audience picker, texts with citation chips, page links, footer."""
