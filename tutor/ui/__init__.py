"""User interfaces: the command line and the web app. They hold no logic: they call the façade."""
