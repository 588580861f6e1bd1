"""The web app, one module per tab group."""
