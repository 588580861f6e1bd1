"""Knowledge: documents read, cut into passages, indexed, and searched (documents -> chunks -> index -> retrieval)."""
