"""Shop arithmetic: cutting conditions, ISO fits, and the numeric answers computed from a question."""
